namespace FlowSense.Actors.Streams;

/// <summary>The materialized values of a running graph: its completion, its kill switch and its counters.</summary>
public sealed class StreamHandle<TResult>
{
    internal StreamHandle(Task<TResult> completion, UniqueKillSwitch killSwitch, StreamCounters counters)
    {
        Completion = completion;
        KillSwitch = killSwitch;
        Counters = counters;
    }

    /// <summary>Completes with the sink's result when the stream completes, or faults with the failure that ended it.</summary>
    public Task<TResult> Completion { get; }

    public UniqueKillSwitch KillSwitch { get; }

    public StreamCounters Counters { get; }
}
