namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>Batching, buffering, retry and shutdown limits of a <see cref="TimeSeriesSink{TRow}"/>.</summary>
public sealed record TimeSeriesSinkOptions
{
    /// <summary>A batch is loaded as soon as it holds this many rows.</summary>
    public int BatchSize { get; init; } = 50_000;

    /// <summary>...or this long after its first row arrived, whichever comes first.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Rows buffered in front of the encoder, on top of the two batches encoded or loading. When full (a slow or
    /// unreachable database), <see cref="TimeSeriesSink{TRow}.WriteAsync"/> waits and
    /// <see cref="TimeSeriesSink{TRow}.TryWrite"/> drops (counted).
    /// </summary>
    public int Capacity { get; init; } = 200_000;

    /// <summary>
    /// Attempts per batch before its rows are counted as failed and the sink moves on; <see langword="null"/> (the
    /// default) retries until the batch loads, which is safe because loads are idempotent. An error the server
    /// reports about the batch itself (not a lost connection) would recur on every attempt, so such a batch is
    /// attempted at most <see cref="RetryPolicy.AttemptsOnServerError"/> times whatever this says.
    /// </summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Pause before the second attempt; doubled for each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between attempts, so a database back from an outage is noticed within this long.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long <see cref="TimeSeriesSink{TRow}.DisposeAsync"/> keeps trying to store what is buffered; after that
    /// (a database still down) the rows left are counted failed and logged, so disposal never hangs.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
