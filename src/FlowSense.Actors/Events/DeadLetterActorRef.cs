namespace FlowSense.Actors;

/// <summary>The system's dead-letter office: whatever is told to it is counted and published as a <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : IActorRef
{
    public ActorPath Path { get; } = ActorPath.Root.Child("deadLetters");

    public void Tell(object message, IActorRef? sender)
    {
        if (message is DeadLetter deadLetter)
            system.DeadLetter(deadLetter.Message, deadLetter.Sender, deadLetter.Recipient, deadLetter.Reason);
        else
            system.DeadLetter(message, sender, this, DeadLetterReason.Sent);
    }

    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default)
    {
        Tell(message, sender);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => "DeadLetters";
}
