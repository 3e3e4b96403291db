namespace FlowSense.Actors.TestKit;

/// <summary>
/// An actor that runs on the calling thread: a Tell returns after the actor handled the message, and
/// <see cref="UnderlyingActor"/> exposes the instance for assertions on its state. For unit tests of one actor.
/// </summary>
public sealed class TestActorRef<TActor> : IActorRef where TActor : ActorBase
{
    private readonly LocalActorRef _ref;

    internal TestActorRef(IActorRef actor)
    {
        _ref = (LocalActorRef)actor;
    }

    /// <summary>The current instance (a new one after a restart).</summary>
    /// <exception cref="InvalidOperationException">The actor has stopped.</exception>
    public TActor UnderlyingActor => (TActor?)_ref.Cell.Actor ?? throw new InvalidOperationException($"{_ref.Path} has no instance (stopped).");

    /// <inheritdoc />
    public ActorPath Path => _ref.Path;

    /// <summary>The plain reference, e.g. to give to other actors.</summary>
    public IActorRef Ref => _ref;

    /// <inheritdoc />
    public void Tell(object message, IActorRef? sender) => _ref.Tell(message, sender);

    /// <inheritdoc />
    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default) =>
        _ref.TellAsync(message, sender, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"TestActorRef[{Path}]";
}
