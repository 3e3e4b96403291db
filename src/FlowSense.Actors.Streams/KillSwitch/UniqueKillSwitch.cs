namespace FlowSense.Actors.Streams;

/// <summary>
/// Stops one materialized graph from outside. <see cref="Shutdown"/> makes every source stop emitting; what is already
/// in flight drains and the stream completes normally. <see cref="Abort"/> cancels every stage and the stream fails
/// with a <see cref="StreamAbortedException"/> carrying the reason.
/// </summary>
public class UniqueKillSwitch
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationTokenSource _abort = new();
    private Exception? _abortReason;

    internal CancellationToken ShutdownToken => _shutdown.Token;

    internal CancellationToken AbortToken => _abort.Token;

    internal Exception? AbortReason => Volatile.Read(ref _abortReason);

    public bool IsShutdown => _shutdown.IsCancellationRequested;

    public void Shutdown() => _shutdown.Cancel();

    public void Abort(Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        _abort.Cancel();
    }
}

/// <summary>
/// One switch for many graphs: insert it with <c>source.Via(sharedKillSwitch)</c>; when it is shut down, every source
/// upstream of those points stops emitting and the graphs drain and complete. Abort fails them.
/// </summary>
public sealed class SharedKillSwitch(string name) : UniqueKillSwitch
{
    public string Name { get; } = name;

    public override string ToString() => $"SharedKillSwitch({Name})";
}
