namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>What a sink has done with the rows offered to it. Every row offered ends up in exactly one count (or is still buffered).</summary>
/// <param name="Inserted">Rows stored.</param>
/// <param name="Duplicates">Rows skipped because a row with the same natural key was already stored (replays).</param>
/// <param name="Dropped">Rows refused by <see cref="TimeSeriesSink{TRow}.TryWrite"/> because the buffer was full.</param>
/// <param name="Failed">
/// Rows that could not be encoded (bad input), rows of batches that failed every attempt allowed, and rows still
/// buffered when the sink was closed during an outage.
/// </param>
/// <param name="Batches">Batches committed.</param>
/// <param name="LastError">The last encoding or load failure, if any.</param>
/// <param name="Buffered">Rows accepted and not yet stored, skipped or failed: waiting in the buffer or in a batch.</param>
/// <param name="Outages">Times the database became unreachable (a load failed for want of a connection after the previous one succeeded).</param>
/// <param name="RetryingSince">When the current outage began; <see langword="null"/> while the database is reachable.</param>
public sealed record SinkCounters(
    long Inserted,
    long Duplicates,
    long Dropped,
    long Failed,
    long Batches,
    Exception? LastError,
    long Buffered = 0,
    long Outages = 0,
    DateTimeOffset? RetryingSince = null)
{
    /// <summary>Whether the last load reached the database (no outage in progress).</summary>
    public bool IsConnected => RetryingSince is null;
}
