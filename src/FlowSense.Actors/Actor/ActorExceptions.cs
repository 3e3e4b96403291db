namespace FlowSense.Actors;

/// <summary>An actor's constructor, PreStart or restart hooks threw. Supervisors stop such actors by default.</summary>
public sealed class ActorInitializationException(IActorRef actor, string message, Exception inner)
    : Exception($"{actor.Path}: {message}", inner)
{
    /// <summary>The actor that failed to start.</summary>
    public IActorRef Actor { get; } = actor;
}

/// <summary>The failure caused by a <see cref="Kill"/> message. Supervisors stop such actors by default.</summary>
public sealed class ActorKilledException(IActorRef actor) : Exception($"{actor.Path} was killed.")
{
    /// <summary>The killed actor.</summary>
    public IActorRef Actor { get; } = actor;
}

/// <summary>Thrown when an actor does not handle the <see cref="Terminated"/> of an actor it watches.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Terminated of {deadActor.Path} was not handled by its watcher.")
{
    /// <summary>The watched actor that stopped.</summary>
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>An actor name is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);
