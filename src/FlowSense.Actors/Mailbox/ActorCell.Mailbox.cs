namespace FlowSense.Actors;

/// <summary>The mailbox half of the cell: enqueueing, scheduling and the actor's turn.</summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    private const int StatusScheduled = 1; // a turn is queued or running: producers need not schedule
    private const int StatusClosed = 2;    // terminated: every message goes to dead letters

    private readonly int _capacity;
    private readonly MailboxOverflow _overflow;
    private readonly int _maxSegmentSize;
    private MailboxQueue _queue;
    private SystemMessage? _systemMessages; // a LIFO stack pushed by any thread, reversed by the turn
    private int _status;

    /// <summary>Messages waiting in the mailbox.</summary>
    internal int MailboxDepth => _queue.Count;

    /// <summary>Messages dropped by the <see cref="MailboxOverflow.Drop"/> policy.</summary>
    internal long DroppedCount => _extras is { } extras ? Interlocked.Read(ref extras.DroppedCount) : 0;

    /// <summary>Plain Tells accepted beyond capacity by the <see cref="MailboxOverflow.Backpressure"/> policy.</summary>
    internal long OverCapacityCount => _extras is { } extras ? Interlocked.Read(ref extras.OverCapacityCount) : 0;

    /// <summary>Enqueues a user message (the Tell path). See <see cref="MailboxOverflow"/> for a full mailbox.</summary>
    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if ((Volatile.Read(ref _status) & StatusClosed) != 0)
        {
            _system.DeadLetter(message, sender, this, DeadLetterReason.RecipientTerminated);
            return;
        }

        bool backpressure = _overflow == MailboxOverflow.Backpressure;
        EnqueueResult result = _queue.TryEnqueue(message, sender, _capacity, backpressure, _maxSegmentSize);
        if (result != EnqueueResult.Enqueued)
        {
            if (result == EnqueueResult.Full)
            {
                RejectFull(message, sender);
                return;
            }
            Interlocked.Increment(ref Extras.OverCapacityCount);
        }

        if ((Volatile.Read(ref _status) & StatusScheduled) == 0)
            TrySchedule();
    }

    /// <summary>Enqueues a user message once the mailbox holds fewer than its capacity (the TellAsync path).</summary>
    public override ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (TryPostWithinCapacity(message, sender))
            return ValueTask.CompletedTask;
        return PostWhenRoomAsync(message, sender, cancellationToken);
    }

    /// <summary>Enqueues from the actor runtime itself (Terminated, ReceiveTimeout): never refused while open.</summary>
    private void PostInternal(object message)
    {
        if (_queue.TryEnqueue(message, null, _capacity, allowOverCapacity: true, MailboxQueue.HardLimit) == EnqueueResult.Full)
        {
            _system.DeadLetter(message, null, this, DeadLetterReason.MailboxFull);
            return;
        }
        TrySchedule();
    }

    private bool TryPostWithinCapacity(object message, IActorRef? sender)
    {
        if ((Volatile.Read(ref _status) & StatusClosed) != 0)
        {
            _system.DeadLetter(message, sender, this, DeadLetterReason.RecipientTerminated);
            return true;
        }
        if (_queue.TryEnqueue(message, sender, _capacity, allowOverCapacity: false, _maxSegmentSize) != EnqueueResult.Enqueued)
            return false;
        if ((Volatile.Read(ref _status) & StatusScheduled) == 0)
            TrySchedule();
        return true;
    }

    private async ValueTask PostWhenRoomAsync(object message, IActorRef? sender, CancellationToken cancellationToken)
    {
        CellExtras extras = Extras;
        if (extras.Gate is null)
            Interlocked.CompareExchange(ref extras.Gate, new BackpressureGate(), null);
        BackpressureGate gate = extras.Gate;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task room = gate.Arm(); // arm before retrying so that a turn freeing room in between is not missed
            if (TryPostWithinCapacity(message, sender))
                return;
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts a message refused by a full mailbox as a dead letter (for tellers that must not throw).</summary>
    internal void DeadLetterFull(object message, IActorRef? sender) => _system.DeadLetter(message, sender, this, DeadLetterReason.MailboxFull);

    private void RejectFull(object message, IActorRef? sender)
    {
        if (_overflow == MailboxOverflow.Drop)
        {
            Interlocked.Increment(ref Extras.DroppedCount);
            _system.DeadLetter(message, sender, this, DeadLetterReason.MailboxFull);
            return;
        }
        throw new MailboxFullException(this, _overflow == MailboxOverflow.Fail ? _capacity : MailboxQueue.HardLimit);
    }

    /// <summary>Pushes a system message; it is handled before any further user message.</summary>
    internal void SendSystem(SystemMessage message)
    {
        SystemMessage? head = Volatile.Read(ref _systemMessages);
        while (true)
        {
            message.Next = head;
            SystemMessage? seen = Interlocked.CompareExchange(ref _systemMessages, message, head);
            if (ReferenceEquals(seen, head))
                break;
            head = seen;
        }
        TrySchedule();
    }

    /// <summary>Queues a turn unless one is already queued or running.</summary>
    private void TrySchedule()
    {
        int status = Volatile.Read(ref _status);
        while ((status & StatusScheduled) == 0)
        {
            int seen = Interlocked.CompareExchange(ref _status, status | StatusScheduled, status);
            if (seen == status)
            {
                if ((status & StatusClosed) != 0)
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false); // its dispatcher is detached
                else
                    _dispatcher.Schedule(this);
                return;
            }
            status = seen;
        }
    }

    void IThreadPoolWorkItem.Execute() => RunTurn();

    /// <summary>
    /// One turn: system messages first, then up to the dispatcher's throughput of user messages (checking for
    /// system messages between them), then release the scheduled flag and re-check for work that raced in.
    /// </summary>
    internal void RunTurn()
    {
        ActorCell? outer = t_current;
        t_current = this;
        try
        {
            if (_state == LifecycleState.NotStarted)
                Create();
            ProcessSystemMessages();
            if ((_status & StatusClosed) != 0)
                DrainToDeadLetters();
            else if (CanProcessUserMessages)
                ProcessUserMessages(_dispatcher.Throughput);
        }
        finally
        {
            t_current = outer;
        }

        // The full fence of this And pairs with the producers' claim: either they see the flag cleared, or we see their message.
        int status = Interlocked.And(ref _status, ~StatusScheduled);
        if (Volatile.Read(ref _systemMessages) is not null
            || ((_queue.HasPending || HasUnstashed) && ((status & StatusClosed) != 0 || CanProcessUserMessages)))
        {
            TrySchedule();
        }
    }

    private bool CanProcessUserMessages => _suspendCount == 0 && _state == LifecycleState.Running;

    private void ProcessUserMessages(int throughput)
    {
        int processed = 0;
        while (processed < throughput && TryDequeueUser(out Envelope envelope))
        {
            processed++;
            Invoke(envelope);
            if (Volatile.Read(ref _systemMessages) is not null)
                ProcessSystemMessages();
            if (!CanProcessUserMessages)
                break;
        }

        if (processed > 0)
            AfterBatch();
    }

    private void AfterBatch()
    {
        CellExtras? extras = _extras;
        if (extras is null)
            return;
        if (extras.ReceiveTimeoutTimer is { } timer && _state == LifecycleState.Running)
            timer.Change(extras.ReceiveTimeout!.Value, Timeout.InfiniteTimeSpan);
        if (extras.Gate is { } gate)
        {
            Interlocked.MemoryBarrier(); // our head moves must be visible before we read whether producers wait
            gate.Release();
        }
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_extras?.Unstashed is { Count: > 0 } unstashed)
        {
            envelope = unstashed.Dequeue();
            return true;
        }
        return _queue.TryDequeue(out envelope);
    }

    private void Invoke(in Envelope envelope)
    {
        object message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        try
        {
            if (ReferenceEquals(message, PoisonPill.Instance))
            {
                Stop(this);
                return;
            }
            if (ReferenceEquals(message, Kill.Instance))
                throw new ActorKilledException(this);
            if (message is Terminated terminated && !AcceptTerminated(terminated))
                return;

            ActorBase actor = _actor!;
            bool handled = _behavior is null ? actor.InvokeReceive(message) : _behavior(message);
            if (!handled)
                actor.InvokeUnhandled(message);
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private void ProcessSystemMessages()
    {
        while (Volatile.Read(ref _systemMessages) is not null)
        {
            SystemMessage? stack = Interlocked.Exchange(ref _systemMessages, null);
            if (stack is null)
                return;

            // The stack is newest-first; reverse it to handle messages in the order they were sent.
            SystemMessage? ordered = null;
            while (stack is not null)
            {
                SystemMessage next = stack.Next!;
                stack.Next = ordered;
                ordered = stack;
                stack = next;
            }

            while (ordered is not null)
            {
                SystemMessage message = ordered;
                ordered = ordered.Next;
                message.Next = null;
                HandleSystemMessage(message);
            }
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        if ((_status & StatusClosed) != 0)
        {
            // Only a watch needs an answer from a stopped actor: "it is already dead".
            if (message is Watch watch)
                watch.Watcher.SendSystem(new DeathWatchNotification(this));
            return;
        }

        try
        {
            switch (message)
            {
                case Terminate:
                    BeginTerminate();
                    break;
                case Failed failed:
                    HandleChildFailure(failed);
                    break;
                case Suspend:
                    SuspendNonRecursive();
                    break;
                case Resume resume:
                    HandleResume(resume);
                    break;
                case Recreate recreate:
                    HandleRecreate(recreate.Cause);
                    break;
                case Watch watch:
                    AddWatcher(watch.Watcher);
                    break;
                case Unwatch unwatch:
                    _extras?.WatchedBy?.Remove(unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification.Actor);
                    break;
                case ChildTerminated childTerminated:
                    HandleChildTerminated(childTerminated.Child);
                    break;
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private void DrainToDeadLetters()
    {
        while (TryDequeueUser(out Envelope envelope))
            _system.DeadLetter(envelope.Message, envelope.Sender, this, DeadLetterReason.RecipientTerminated);
        _extras?.Gate?.Release();
    }
}
