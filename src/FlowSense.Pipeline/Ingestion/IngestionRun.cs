using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>A running ingestion: its completion, its live counters, the source's own progress and its kill switch.</summary>
public sealed class IngestionRun
{
    internal IngestionRun(string name, Task<IngestionSnapshot> completion, IngestionCounters counters, UniqueKillSwitch killSwitch, ReplayCounters? progress)
    {
        Name = name;
        Completion = completion;
        Counters = counters;
        KillSwitch = killSwitch;
        SourceProgress = progress;
    }

    public string Name { get; }

    /// <summary>
    /// Completes when the source has ended and every slice delivered is acknowledged, with the final counters; faults
    /// if the source fails or an acknowledgement does not come within the ack timeout.
    /// </summary>
    public Task<IngestionSnapshot> Completion { get; }

    public IngestionCounters Counters { get; }

    /// <summary>Shut down to stop reading (what was read is still delivered and acknowledged); abort to fail at once.</summary>
    public UniqueKillSwitch KillSwitch { get; }

    /// <summary>The replay's progress (units read of the file, rate) when the source is a file replay; null otherwise.</summary>
    public ReplayCounters? SourceProgress { get; }
}
