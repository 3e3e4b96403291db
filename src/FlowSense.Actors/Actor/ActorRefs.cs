namespace FlowSense.Actors;

/// <summary>Well-known references and the Tell/Forward conveniences.</summary>
public static class ActorRefs
{
    /// <summary>The "no sender" reference: replies to it go nowhere (they are counted as dead letters by nobody).</summary>
    public static IActorRef NoSender { get; } = new NobodyRef();

    /// <summary>
    /// Sends <paramref name="message"/> with the current actor (when called inside one) as the sender,
    /// as Akka's implicit sender does. Outside an actor the sender is null.
    /// </summary>
    public static void Tell(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>Sends <paramref name="message"/> keeping the sender of the message being handled (inside an actor).</summary>
    /// <exception cref="InvalidOperationException">Called outside an actor.</exception>
    public static void Forward(this IActorRef receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ActorCell current = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be used inside an actor.");
        receiver.Tell(message, current.CurrentSender);
    }

    /// <summary>True for null and <see cref="NoSender"/>.</summary>
    public static bool IsNobody(this IActorRef? actor) => actor is null or NobodyRef;

    private sealed class NobodyRef : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root.Child("nobody");

        public void Tell(object message, IActorRef? sender)
        {
        }

        public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override string ToString() => "Nobody";
    }
}
