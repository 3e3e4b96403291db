namespace FlowSense.Actors;

/// <summary>An address to send messages to. Safe to share between threads and actors.</summary>
public interface IActorRef
{
    /// <summary>Where the actor lives in the hierarchy, e.g. <c>/user/feeds/binance</c>.</summary>
    ActorPath Path { get; }

    /// <summary>Sends a message without waiting. See <see cref="MailboxOverflow"/> for a full mailbox.</summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="sender">Who replies go to, or null.</param>
    void Tell(object message, IActorRef? sender);

    /// <summary>
    /// Sends a message, waiting while the recipient's mailbox holds its capacity (whatever its overflow policy).
    /// Completes synchronously, without allocating, when there is room.
    /// </summary>
    ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default);
}
