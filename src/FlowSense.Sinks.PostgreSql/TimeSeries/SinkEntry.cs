namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// One item of a sink's buffer: a row, or a flush marker. A marker travels behind the rows written before it, so
/// the batch it ends holds (or follows) every one of them, and completing the marker after that batch settles
/// completes the flush.
/// </summary>
internal readonly struct SinkEntry<TRow>
{
    private SinkEntry(TRow row, TaskCompletionSource? flush)
    {
        Row = row;
        Flush = flush;
    }

    /// <summary>The row (unused in a marker).</summary>
    public TRow Row { get; }

    /// <summary>The flush to complete, in a marker; <see langword="null"/> for a row.</summary>
    public TaskCompletionSource? Flush { get; }

    public static SinkEntry<TRow> ForRow(TRow row) => new(row, null);

    public static SinkEntry<TRow> ForFlush(TaskCompletionSource flush) => new(default!, flush);
}
