namespace FlowSense.Actors;

/// <summary>The receive timeout: a timer on the system's clock, re-armed after every batch of messages.</summary>
internal sealed partial class ActorCell
{
    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is not { } due || due <= TimeSpan.Zero)
        {
            CancelReceiveTimeout();
            return;
        }

        CellExtras extras = Extras;
        extras.ReceiveTimeout = due;
        if (extras.ReceiveTimeoutTimer is { } timer)
            timer.Change(due, Timeout.InfiniteTimeSpan);
        else
            extras.ReceiveTimeoutTimer = _system.TimeProvider.CreateTimer(static state => ((ActorCell)state!).OnReceiveTimeout(), this, due, Timeout.InfiniteTimeSpan);
    }

    private void OnReceiveTimeout()
    {
        if (!IsTerminated)
            PostInternal(Actors.ReceiveTimeout.Instance);
    }

    private void CancelReceiveTimeout()
    {
        if (_extras is not { } extras)
            return;
        extras.ReceiveTimeout = null;
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = null;
    }
}
