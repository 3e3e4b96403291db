namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>What a sink has done with the rows offered to it. Every row offered ends up in exactly one count (or is still buffered).</summary>
/// <param name="Inserted">Rows stored.</param>
/// <param name="Duplicates">Rows skipped because a row with the same natural key was already stored (replays).</param>
/// <param name="Dropped">Rows refused by <see cref="TimeSeriesSink{TRow}.TryWrite"/> because the buffer was full.</param>
/// <param name="Failed">Rows that could not be encoded (bad input), and rows of batches that failed every attempt.</param>
/// <param name="Batches">Batches committed.</param>
/// <param name="LastError">The last encoding or load failure, if any.</param>
public sealed record SinkCounters(long Inserted, long Duplicates, long Dropped, long Failed, long Batches, Exception? LastError);
