namespace FlowSense.Actors;

/// <summary>What a bounded mailbox does when a message arrives and it already holds its capacity.</summary>
/// <remarks>The names match the configuration values <c>backpressure | drop | fail</c>.</remarks>
public enum MailboxOverflow
{
    /// <summary>
    /// Slow the sender: <see cref="IActorRef.TellAsync"/> completes only when there is room. A plain
    /// <see cref="IActorRef.Tell"/> never loses the message and never blocks: it is enqueued beyond the capacity
    /// (counted in <see cref="ActorNode.OverCapacityCount"/>) up to a hard limit of
    /// <see cref="MailboxQueue.HardLimit"/> messages, past which it throws <see cref="MailboxFullException"/>.
    /// </summary>
    Backpressure,

    /// <summary>Drop the new message to dead letters (reason <see cref="DeadLetterReason.MailboxFull"/>), counted exactly.</summary>
    Drop,

    /// <summary>Throw <see cref="MailboxFullException"/> to the sender.</summary>
    Fail,
}
