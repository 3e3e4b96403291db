namespace FlowSense.Actors;

/// <summary>
/// How a parent handles a child's failure: a decider maps the exception to a <see cref="Directive"/>, and at most
/// <see cref="MaxNrOfRetries"/> restarts are allowed within <see cref="WithinTimeRange"/> (beyond that the child is stopped).
/// </summary>
public abstract class SupervisorStrategy
{
    private readonly Func<IActorRef, Exception, Directive>? _childDecider;

    /// <summary>Creates a strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed per window; -1 for no limit, 0 to stop instead of restarting.</param>
    /// <param name="withinTimeRange">The window; null counts restarts over the child's whole life.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Creates a strategy whose decider also sees which child failed (a shard counting restarts per entity).</summary>
    /// <inheritdoc cref="SupervisorStrategy(int, TimeSpan?, Func{Exception, Directive})"/>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<IActorRef, Exception, Directive> childDecider)
        : this(maxNrOfRetries, withinTimeRange, cause => childDecider(ActorRefs.NoSender, cause))
    {
        _childDecider = childDecider;
    }

    /// <summary>
    /// Stop for <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/>; Restart for any other exception (Akka's default).
    /// </summary>
    public static Func<Exception, Directive> DefaultDecider { get; } = static cause => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>OneForOne with <see cref="DefaultDecider"/> and no retry limit.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>OneForOne that stops every failing child.</summary>
    public static SupervisorStrategy Stopping { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>Restarts allowed per window; -1 for no limit.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window in which <see cref="MaxNrOfRetries"/> applies; null for the child's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>The directive for <paramref name="child"/>'s failure.</summary>
    internal Directive Decide(IActorRef child, Exception cause) => _childDecider is { } decide ? decide(child, cause) : Decider(cause);

    /// <summary>Which children a Restart or Stop applies to: only the failed one, or all of them.</summary>
    internal abstract bool AppliesToAllChildren { get; }
}

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>No retry limit.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, null, decider)
    {
    }

    /// <inheritdoc cref="SupervisorStrategy(int, TimeSpan?, Func{Exception, Directive})"/>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>A strategy whose decider is told which child failed (for per-child bookkeeping such as restart counts).</summary>
    /// <inheritdoc cref="SupervisorStrategy(int, TimeSpan?, Func{Exception, Directive})"/>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<IActorRef, Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    internal override bool AppliesToAllChildren => false;
}

/// <summary>Applies Restart and Stop to all children of the supervisor (for children that only make sense together).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>No retry limit.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, null, decider)
    {
    }

    /// <inheritdoc cref="SupervisorStrategy(int, TimeSpan?, Func{Exception, Directive})"/>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    internal override bool AppliesToAllChildren => true;
}
