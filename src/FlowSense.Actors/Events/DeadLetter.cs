namespace FlowSense.Actors;

/// <summary>Why a message became a dead letter.</summary>
public enum DeadLetterReason
{
    /// <summary>The recipient had stopped (or stopped before handling it).</summary>
    RecipientTerminated,

    /// <summary>The recipient's mailbox was full and its policy is <see cref="MailboxOverflow.Drop"/>.</summary>
    MailboxFull,

    /// <summary>Sent directly to <see cref="ActorSystem.DeadLetters"/>.</summary>
    Sent,
}

/// <summary>A message that could not be delivered, published on the event stream.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender, or null.</param>
/// <param name="Recipient">The intended recipient.</param>
/// <param name="Reason">Why it was not delivered.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient, DeadLetterReason Reason = DeadLetterReason.RecipientTerminated);
