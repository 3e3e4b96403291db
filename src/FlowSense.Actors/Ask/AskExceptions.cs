namespace FlowSense.Actors;

/// <summary>An Ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException(IActorRef target, TimeSpan timeout)
    : TimeoutException($"Ask to {target.Path} timed out after {timeout.TotalMilliseconds:0.###} ms without a reply.")
{
    /// <summary>The actor that was asked.</summary>
    public IActorRef Target { get; } = target;

    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>An Ask's question never reached its target (it had stopped, or dropped the message), so no reply can come.</summary>
public sealed class AskDeliveryFailedException(IActorRef target, DeadLetterReason reason)
    : Exception(reason == DeadLetterReason.MailboxFull
        ? $"Ask to {target.Path} failed: its mailbox was full and the question was dropped."
        : $"Ask to {target.Path} failed: the actor has terminated.")
{
    /// <summary>The actor that was asked.</summary>
    public IActorRef Target { get; } = target;

    /// <summary>Why the question was not delivered.</summary>
    public DeadLetterReason Reason { get; } = reason;
}
