namespace FlowSense.Actors;

/// <summary>The reference to an actor in this process.</summary>
internal sealed class LocalActorRef : IActorRef
{
    internal LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
    }

    public ActorPath Path { get; }

    internal ActorCell Cell { get; }

    public void Tell(object message, IActorRef? sender) => Cell.Post(message, sender);

    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default) =>
        Cell.PostAsync(message, sender, cancellationToken);

    public override string ToString() => $"Actor[{Path}]";
}
