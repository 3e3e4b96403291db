namespace FlowSense.Actors.Streams;

/// <summary>
/// What one materialization of a graph shares between its stages: the clock, the counters, and the two ways to stop
/// it. <see cref="ShutdownToken"/> asks sources to stop emitting (the stream then drains and completes normally);
/// <see cref="AbortToken"/> cancels every stage at once (the stream fails).
/// </summary>
public sealed class StreamContext
{
    private readonly List<UniqueKillSwitch> _switches;

    internal StreamContext(TimeProvider time, StreamCounters counters, UniqueKillSwitch killSwitch)
        : this(time, counters, killSwitch.ShutdownToken, killSwitch.AbortToken, [killSwitch])
    {
    }

    private StreamContext(TimeProvider time, StreamCounters counters, CancellationToken shutdown, CancellationToken abort,
        List<UniqueKillSwitch> switches)
    {
        Time = time;
        Counters = counters;
        ShutdownToken = shutdown;
        AbortToken = abort;
        _switches = switches;
    }

    public TimeProvider Time { get; }

    public StreamCounters Counters { get; }

    public CancellationToken ShutdownToken { get; }

    public CancellationToken AbortToken { get; }

    /// <summary>Why the run was aborted, if one of its kill switches was.</summary>
    internal Exception? AbortReason
    {
        get
        {
            lock (_switches)
                return _switches.Select(s => s.AbortReason).FirstOrDefault(r => r is not null);
        }
    }

    /// <summary>The context for the stages upstream of a shared kill switch: they also stop, or abort, with it.</summary>
    internal StreamContext With(SharedKillSwitch killSwitch)
    {
        lock (_switches)
            _switches.Add(killSwitch);
        var shutdown = CancellationTokenSource.CreateLinkedTokenSource(ShutdownToken, killSwitch.ShutdownToken);
        var abort = CancellationTokenSource.CreateLinkedTokenSource(AbortToken, killSwitch.AbortToken);
        return new StreamContext(Time, Counters, shutdown.Token, abort.Token, _switches);
    }
}
