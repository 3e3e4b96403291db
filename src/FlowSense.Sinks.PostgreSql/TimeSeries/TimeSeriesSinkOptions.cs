namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>Batching, buffering and retry limits of a <see cref="TimeSeriesSink{TRow}"/>.</summary>
public sealed record TimeSeriesSinkOptions
{
    /// <summary>A batch is loaded as soon as it holds this many rows.</summary>
    public int BatchSize { get; init; } = 50_000;

    /// <summary>...or this long after its first row arrived, whichever comes first.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Rows buffered while a batch loads. When full, <see cref="TimeSeriesSink{TRow}.WriteAsync"/> waits and <see cref="TimeSeriesSink{TRow}.TryWrite"/> drops (counted).</summary>
    public int Capacity { get; init; } = 200_000;

    /// <summary>Attempts per batch before its rows are counted as failed (loads are idempotent, so retrying is safe).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Pause before the second attempt; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
