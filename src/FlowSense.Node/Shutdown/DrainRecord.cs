using FlowSense.Pipeline.Ingestion;

namespace FlowSense.Node.Shutdown;

/// <summary>
/// What the drain phase of a shutdown drained: the events delivered to symbol actors but not yet acknowledged when
/// ingestion stopped, and whether every one of them was acknowledged before the phase ended.
/// </summary>
/// <param name="InFlightAtStop">Events delivered and not yet acknowledged when ingestion was told to stop.</param>
/// <param name="ReadAtStop">Events read from the sources when ingestion was told to stop.</param>
/// <param name="ReadAtEnd">Events read when the drain ended (the batches already in the graph).</param>
/// <param name="OutstandingAtEnd">Events still unacknowledged when the drain ended (0 when it completed).</param>
public sealed record DrainRecord(long InFlightAtStop, long ReadAtStop, long ReadAtEnd, long OutstandingAtEnd)
{
    /// <summary>No ingestion ran.</summary>
    public static DrainRecord Nothing { get; } = new(0, 0, 0, 0);

    /// <summary>Events the drain saw through to their symbol actors: those in flight at the stop plus those read after it.</summary>
    public long Drained => InFlightAtStop + (ReadAtEnd - ReadAtStop) - OutstandingAtEnd;

    internal static DrainRecord Begin(IReadOnlyList<IngestionRun> runs) => new(Outstanding(runs), Read(runs), Read(runs), Outstanding(runs));

    internal DrainRecord End(IReadOnlyList<IngestionRun> runs) => this with { ReadAtEnd = Read(runs), OutstandingAtEnd = Outstanding(runs) };

    private static long Read(IReadOnlyList<IngestionRun> runs) => runs.Sum(r => r.Counters.EventsIn);

    private static long Outstanding(IReadOnlyList<IngestionRun> runs) => runs.Sum(r =>
    {
        IngestionSnapshot s = r.Counters.Snapshot();
        return s.Delivered - (s.Applied + s.Duplicates + s.Rejected + s.Skipped + s.Quarantined);
    });
}
