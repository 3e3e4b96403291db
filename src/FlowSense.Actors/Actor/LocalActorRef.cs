namespace FlowSense.Actors;

/// <summary>The reference to an actor in this process: its name, its path and where its messages go.</summary>
/// <remarks>
/// Only <see cref="ActorCell"/> derives from it: the cell is its own reference, so that an actor is one object
/// rather than two (a separate reference object cost every actor 32 bytes). There is still exactly one reference
/// per actor, so references keep comparing by identity.
/// </remarks>
internal abstract class LocalActorRef : IActorRef
{
    private ActorPath? _path;

    private protected LocalActorRef(ActorCell? parent, string name)
    {
        ParentCell = parent;
        Name = name;
    }

    /// <summary>Built from the parent's path on first use, so that spawning allocates no path.</summary>
    public ActorPath Path => _path ??= ParentCell is { } parent ? parent.Path.Child(Name) : ActorPath.Root;

    /// <summary>The last element of the path (what a parent finds its children by).</summary>
    internal string Name { get; }

    internal ActorCell? ParentCell { get; }

    /// <summary>The actor's runtime: this very object.</summary>
    internal abstract ActorCell Cell { get; }

    public abstract void Tell(object message, IActorRef? sender);

    public abstract ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default);

    public override string ToString() => $"Actor[{Path}]";
}
