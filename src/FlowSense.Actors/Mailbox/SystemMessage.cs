namespace FlowSense.Actors;

/// <summary>
/// A lifecycle message between cells. System messages go to a separate queue that the actor's turn drains
/// before (and between) user messages, so supervision and stopping never wait behind a full mailbox.
/// </summary>
internal abstract class SystemMessage
{
    /// <summary>The link in the cell's lock-free system-message stack.</summary>
    public SystemMessage? Next;
}

/// <summary>Stop the actor (and its children first).</summary>
internal sealed class Terminate : SystemMessage;

/// <summary>From a child to its parent: the child failed and is suspended until the parent decides.</summary>
internal sealed class Failed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;
}

/// <summary>Stop handling user messages until a matching <see cref="Resume"/>.</summary>
internal sealed class Suspend : SystemMessage;

/// <summary>Undo one suspension; <see cref="CausedByFailure"/> marks the supervisor's Resume directive.</summary>
internal sealed class Resume(bool causedByFailure) : SystemMessage
{
    public bool CausedByFailure { get; } = causedByFailure;
}

/// <summary>Replace the actor instance (the supervisor's Restart directive).</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Register <see cref="Watcher"/> for this actor's termination.</summary>
internal sealed class Watch(ActorCell watcher) : SystemMessage
{
    public ActorCell Watcher { get; } = watcher;
}

/// <summary>Remove <see cref="Watcher"/>.</summary>
internal sealed class Unwatch(ActorCell watcher) : SystemMessage
{
    public ActorCell Watcher { get; } = watcher;
}

/// <summary>To a watcher: <see cref="Actor"/> has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
}

/// <summary>To a parent: its child has stopped and released its name.</summary>
internal sealed class ChildTerminated(ActorCell child) : SystemMessage
{
    public ActorCell Child { get; } = child;
}
