namespace FlowSense.Actors;

/// <summary>Watching other actors, and stopping this one (children first, then PostStop, then the watchers hear of it).</summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        if (subject is not LocalActorRef local)
            throw new NotSupportedException($"Only actors of this system can be watched, not {subject}.");
        if (!ReferenceEquals(local.Cell, this) && (Extras.Watching ??= []).Add(subject))
            local.Cell.SendSystem(new Watch(this));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is LocalActorRef local && _extras?.Watching?.Remove(subject) == true)
            local.Cell.SendSystem(new Unwatch(this));
        return subject;
    }

    /// <summary>Completes when this actor has stopped.</summary>
    internal Task WhenTerminated
    {
        get
        {
            CellExtras extras = Extras;
            if (extras.Termination is null)
                Interlocked.CompareExchange(ref extras.Termination, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
            if (IsTerminated)
                extras.Termination.TrySetResult();
            return extras.Termination.Task;
        }
    }

    private void AddWatcher(ActorCell watcher)
    {
        if (!ReferenceEquals(watcher, this))
            (Extras.WatchedBy ??= []).Add(watcher);
    }

    private void HandleDeathWatchNotification(IActorRef actor)
    {
        // Terminated goes through the user queue, so it arrives after every message the dead actor sent before dying.
        if (_extras?.Watching?.Contains(actor) == true)
            PostInternal(new Terminated(actor) { Watcher = this });
    }

    /// <summary>Delivers this actor's own death-watch Terminated only while still watching (an Unwatch in between cancels it).</summary>
    private bool AcceptTerminated(Terminated terminated) =>
        !ReferenceEquals(terminated.Watcher, this) || _extras?.Watching?.Remove(terminated.Actor) == true;

    private void BeginTerminate()
    {
        if (_state >= LifecycleState.Terminating)
            return;
        _state = LifecycleState.Terminating;
        Interlocked.Or(ref _status, StatusTerminating);
        CancelReceiveTimeout();

        if (_children is { } children)
        {
            foreach (ActorCell child in children.Snapshot())
            {
                children.MarkStopping(child);
                child.SendSystem(new Terminate());
            }
        }
        if (_children is null || _children.Count == 0)
            FinishTerminate();
    }

    private void HandleChildTerminated(ActorCell child)
    {
        ChildrenContainer? children = _children;
        if (children is null)
            return;
        children.Remove(child);
        if (_state == LifecycleState.Terminating)
        {
            if (children.Count == 0)
                FinishTerminate();
        }
        else if (_extras?.PendingRecreate is { } cause && children.StoppingCount == 0)
        {
            FinishRecreate(cause);
        }
    }

    private void FinishTerminate()
    {
        _state = LifecycleState.Terminated;
        ActorBase? actor = _actor;
        if (actor is not null)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                _system.LogHookFailure(ex, this, "PostStop");
            }
        }
        _actor = null;
        _behavior = null;
        Interlocked.Or(ref _status, StatusClosed);

        CellExtras? extras = _extras;
        if (extras?.Stash is { } stash)
        {
            foreach (Envelope envelope in stash.ClearStash())
                _system.DeadLetter(envelope.Message, envelope.Sender, this, DeadLetterReason.RecipientTerminated);
        }
        DrainToDeadLetters();

        if (extras?.WatchedBy is { } watchers)
        {
            foreach (ActorCell watcher in watchers)
                watcher.SendSystem(new DeathWatchNotification(this));
            watchers.Clear();
        }
        if (extras?.Watching is { } watching)
        {
            foreach (IActorRef watched in watching)
                ((LocalActorRef)watched).Cell.SendSystem(new Unwatch(this));
            watching.Clear();
        }

        _dispatcher.Detach(this);
        ParentCell?.SendSystem(new ChildTerminated(this));
        extras?.Termination?.TrySetResult();
    }
}
