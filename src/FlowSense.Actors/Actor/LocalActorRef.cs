namespace FlowSense.Actors;

/// <summary>The reference to an actor in this process.</summary>
internal sealed class LocalActorRef : IActorRef
{
    private ActorPath? _path;

    internal LocalActorRef(ActorCell cell)
    {
        Cell = cell;
    }

    /// <summary>Built from the parent's path on first use, so that spawning allocates no path.</summary>
    public ActorPath Path => _path ??= Cell.ParentCell is { } parent ? parent.SelfRef.Path.Child(Cell.Name) : ActorPath.Root;

    internal ActorCell Cell { get; }

    public void Tell(object message, IActorRef? sender) => Cell.Post(message, sender);

    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default) =>
        Cell.PostAsync(message, sender, cancellationToken);

    public override string ToString() => $"Actor[{Path}]";
}
