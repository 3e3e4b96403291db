namespace FlowSense.Actors;

/// <summary>Thrown to a sender when the recipient's mailbox is full and its overflow policy is <see cref="MailboxOverflow.Fail"/>.</summary>
public sealed class MailboxFullException : Exception
{
    /// <summary>Creates the exception for a recipient and its capacity.</summary>
    public MailboxFullException(IActorRef recipient, int capacity)
        : base($"The mailbox of {recipient.Path} is full ({capacity} messages).")
    {
        Recipient = recipient;
        Capacity = capacity;
    }

    /// <summary>The actor whose mailbox was full.</summary>
    public IActorRef Recipient { get; }

    /// <summary>The mailbox capacity.</summary>
    public int Capacity { get; }
}
