namespace FlowSense.Actors;

/// <summary>Stops the actor when it reaches the message in the mailbox (messages before it are handled first).</summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    /// <summary>The only instance.</summary>
    public static PoisonPill Instance { get; } = new();
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> (by default its supervisor stops it).</summary>
public sealed class Kill
{
    private Kill()
    {
    }

    /// <summary>The only instance.</summary>
    public static Kill Instance { get; } = new();
}

/// <summary>Sent to an actor that received nothing for its <see cref="IActorContext.ReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    /// <summary>The only instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();
}

/// <summary>Delivered to watchers when a watched actor has stopped.</summary>
/// <param name="Actor">The actor that stopped.</param>
public sealed record Terminated(IActorRef Actor)
{
    /// <summary>The watcher this notification was created for; another actor it is forwarded to handles it as a plain message.</summary>
    internal object? Watcher { get; init; }

    /// <summary>Equal when about the same actor.</summary>
    public bool Equals(Terminated? other) => other is not null && Equals(Actor, other.Actor);

    /// <inheritdoc />
    public override int GetHashCode() => Actor.GetHashCode();
}

/// <summary>Conventional replies: a <see cref="Failure"/> reply faults an Ask.</summary>
public static class Status
{
    /// <summary>A successful reply carrying an optional value.</summary>
    public sealed record Success(object? Value);

    /// <summary>A failure reply; an Ask that receives it throws <see cref="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}

/// <summary>A message no handler took, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
