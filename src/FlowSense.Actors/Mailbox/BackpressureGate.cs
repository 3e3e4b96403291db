namespace FlowSense.Actors;

/// <summary>Where <see cref="IActorRef.TellAsync"/> callers wait for room in a full mailbox.</summary>
/// <remarks>
/// One shared completion per "generation" of waiters: the actor's turn releases it after freeing room, and
/// every waiter retries (some may find the mailbox full again and wait for the next generation).
/// </remarks>
internal sealed class BackpressureGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _room;
    private int _armed;

    /// <summary>Registers interest in the next release; retry the send after calling this, then await the task.</summary>
    public Task Arm()
    {
        lock (_lock)
        {
            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _armed, 1);
            return _room.Task;
        }
    }

    /// <summary>Wakes the current waiters, if any. Cheap when nobody waits.</summary>
    public void Release()
    {
        if (Volatile.Read(ref _armed) == 0)
            return;
        TaskCompletionSource? room;
        lock (_lock)
        {
            room = _room;
            _room = null;
            _armed = 0;
        }
        room?.TrySetResult();
    }
}
