namespace FlowSense.Actors;

/// <summary>The immutable recipe for an actor: how to construct it and where and how it runs.</summary>
/// <remarks>Create once and reuse: spawning from the same Props allocates nothing for the recipe.</remarks>
public sealed record Props
{
    private Props(Func<ActorBase> factory, Type actorType)
    {
        Factory = factory;
        ActorType = actorType;
    }

    /// <summary>Constructs a new actor instance (called at start and at every restart).</summary>
    public Func<ActorBase> Factory { get; }

    /// <summary>The actor's class, for the hierarchy view and logging.</summary>
    public Type ActorType { get; }

    /// <summary>The dispatcher id (see <see cref="Dispatchers"/>); null for the system default.</summary>
    public string? Dispatcher { get; init; }

    /// <summary>The mailbox capacity; null for the system default.</summary>
    public int? MailboxCapacity { get; init; }

    /// <summary>The mailbox overflow policy; null for the system default.</summary>
    public MailboxOverflow? MailboxOverflow { get; init; }

    /// <summary>A strategy that overrides the actor's own <see cref="ActorBase.SupervisorStrategy"/>; null to use the actor's.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; init; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() => new(static () => new TActor(), typeof(TActor));

    /// <summary>Props for an actor built by <paramref name="factory"/> (a new instance on every call).</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(TActor));
    }

    /// <summary>Runs the actor on the dispatcher registered under <paramref name="dispatcherId"/>.</summary>
    public Props WithDispatcher(string dispatcherId) => this with { Dispatcher = dispatcherId };

    /// <summary>Gives the actor its own mailbox bounds.</summary>
    public Props WithMailbox(int capacity, MailboxOverflow overflow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MailboxQueue.HardLimit);
        return this with { MailboxCapacity = capacity, MailboxOverflow = overflow };
    }

    /// <summary>Supervises the actor's children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => this with { SupervisorStrategy = strategy };
}
