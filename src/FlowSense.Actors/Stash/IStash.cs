namespace FlowSense.Actors;

/// <summary>Puts the current message aside to handle it later, in its original order.</summary>
public interface IStash
{
    /// <summary>The number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Stashes the message being handled (with its sender).</summary>
    /// <exception cref="StashOverflowException">The stash already holds <c>stash-capacity</c> messages.</exception>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns every stashed message to the front of the mailbox, oldest first, ahead of everything else waiting.</summary>
    void UnstashAll();

    /// <summary>Empties the stash and returns what it held, oldest first.</summary>
    IReadOnlyList<Envelope> ClearStash();
}

/// <summary>The stash is full (its capacity is the <c>stash-capacity</c> setting).</summary>
public sealed class StashOverflowException(IActorRef actor, int capacity)
    : Exception($"The stash of {actor.Path} is full ({capacity} messages).")
{
    /// <summary>The actor whose stash overflowed.</summary>
    public IActorRef Actor { get; } = actor;
}
