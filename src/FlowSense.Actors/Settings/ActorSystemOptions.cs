using Microsoft.Extensions.Configuration;

namespace FlowSense.Actors;

/// <summary>
/// The settings of an actor system, bound from the <c>flowsense:actor</c> configuration section
/// (<c>flowsense.actor</c> in HOCON). Keys are kebab-case, as in <c>hocon/flowsense.conf</c>.
/// </summary>
public sealed class ActorSystemOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "flowsense:actor";

    /// <summary>The thread-pool dispatcher actors use unless their Props say otherwise.</summary>
    [ConfigurationKeyName("default-dispatcher")]
    public DispatcherOptions DefaultDispatcher { get; set; } = new();

    /// <summary>The lanes dispatcher (<see cref="Dispatchers.LanesId"/>): a fixed set of threads for many small, busy actors.</summary>
    [ConfigurationKeyName("lanes-dispatcher")]
    public LanesDispatcherOptions LanesDispatcher { get; set; } = new();

    /// <summary>The mailbox actors get unless their Props say otherwise.</summary>
    [ConfigurationKeyName("default-mailbox")]
    public MailboxOptions DefaultMailbox { get; set; } = new();

    /// <summary>How long Ask waits for a reply when the caller gives no timeout.</summary>
    [ConfigurationKeyName("ask-timeout")]
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most messages one actor may stash.</summary>
    [ConfigurationKeyName("stash-capacity")]
    public int StashCapacity { get; set; } = 1000;

    /// <summary>Coordinated shutdown settings (bound from <c>flowsense:coordinated-shutdown</c>).</summary>
    [ConfigurationKeyName("coordinated-shutdown")]
    public CoordinatedShutdownOptions CoordinatedShutdown { get; set; } = new();

    /// <summary>
    /// Binds <c>flowsense:actor</c> and <c>flowsense:coordinated-shutdown</c> from <paramref name="configuration"/>;
    /// missing keys keep their defaults.
    /// </summary>
    public static ActorSystemOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ActorSystemOptions options = configuration.GetSection(SectionName).Get<ActorSystemOptions>() ?? new ActorSystemOptions();
        configuration.GetSection(CoordinatedShutdownOptions.SectionName).Bind(options.CoordinatedShutdown);
        options.Validate();
        return options;
    }

    /// <summary>Throws when a value is out of range, naming the key.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (DefaultDispatcher.Throughput < 1)
            throw new ArgumentOutOfRangeException(nameof(DefaultDispatcher), "flowsense.actor.default-dispatcher.throughput must be at least 1.");
        if (LanesDispatcher.Threads < 0)
            throw new ArgumentOutOfRangeException(nameof(LanesDispatcher), "flowsense.actor.lanes-dispatcher.threads must not be negative (0 means one per processor).");
        if (LanesDispatcher.Throughput < 1)
            throw new ArgumentOutOfRangeException(nameof(LanesDispatcher), "flowsense.actor.lanes-dispatcher.throughput must be at least 1.");
        if (LanesDispatcher.IdleSpin < TimeSpan.Zero || LanesDispatcher.IdleSpin > LanesDispatcherOptions.MaxIdleSpin)
            throw new ArgumentOutOfRangeException(nameof(LanesDispatcher), $"flowsense.actor.lanes-dispatcher.idle-spin must be between 0 (park at once) and {LanesDispatcherOptions.MaxIdleSpin.TotalSeconds:0.###}s.");
        if (DefaultMailbox.Capacity < 1 || DefaultMailbox.Capacity > MailboxQueue.HardLimit)
            throw new ArgumentOutOfRangeException(nameof(DefaultMailbox), $"flowsense.actor.default-mailbox.capacity must be between 1 and {MailboxQueue.HardLimit}.");
        if (!Enum.IsDefined(DefaultMailbox.Overflow))
            throw new ArgumentOutOfRangeException(nameof(DefaultMailbox), "flowsense.actor.default-mailbox.overflow must be backpressure, drop or fail.");
        if (AskTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(AskTimeout), "flowsense.actor.ask-timeout must be positive.");
        if (StashCapacity < 0)
            throw new ArgumentOutOfRangeException(nameof(StashCapacity), "flowsense.actor.stash-capacity must not be negative.");
        if (CoordinatedShutdown.DefaultPhaseTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CoordinatedShutdown), "flowsense.coordinated-shutdown.default-phase-timeout must be positive.");
    }
}

/// <summary>Settings of the default thread-pool dispatcher.</summary>
public sealed class DispatcherOptions
{
    /// <summary>Messages an actor handles per turn before yielding its thread.</summary>
    [ConfigurationKeyName("throughput")]
    public int Throughput { get; set; } = 30;
}

/// <summary>Settings of the lanes dispatcher.</summary>
public sealed class LanesDispatcherOptions
{
    /// <summary>Lane threads; 0 for one per processor.</summary>
    [ConfigurationKeyName("threads")]
    public int Threads { get; set; }

    /// <summary>Messages an actor handles per turn before the lane runs the next ready actor.</summary>
    [ConfigurationKeyName("throughput")]
    public int Throughput { get; set; } = 30;

    /// <summary>How long a lane out of work spins for more before it parks; zero parks at once (see <see cref="LaneDispatcher"/>).</summary>
    [ConfigurationKeyName("idle-spin")]
    public TimeSpan IdleSpin { get; set; } = DefaultIdleSpin;

    /// <summary>
    /// Zero: lanes park at once. A node with cores of its own for its lanes may set a little more than its feed's gap
    /// between bursts (300 µs for a paced replay's 200 µs tick); see <see cref="LaneDispatcher"/> for the trade.
    /// </summary>
    public static readonly TimeSpan DefaultIdleSpin = TimeSpan.Zero;

    /// <summary>The longest idle spin the settings accept (a spin is for gaps between bursts, not for idle time).</summary>
    public static readonly TimeSpan MaxIdleSpin = TimeSpan.FromSeconds(1);
}

/// <summary>Settings of the default mailbox.</summary>
public sealed class MailboxOptions
{
    /// <summary>The most messages a mailbox holds.</summary>
    [ConfigurationKeyName("capacity")]
    public int Capacity { get; set; } = 1000;

    /// <summary>What happens to a message that finds the mailbox full.</summary>
    [ConfigurationKeyName("overflow")]
    public MailboxOverflow Overflow { get; set; } = MailboxOverflow.Backpressure;
}

/// <summary>Settings of <see cref="Actors.CoordinatedShutdown"/>.</summary>
public sealed class CoordinatedShutdownOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "flowsense:coordinated-shutdown";

    /// <summary>How long a phase may take when it declares no timeout of its own.</summary>
    [ConfigurationKeyName("default-phase-timeout")]
    public TimeSpan DefaultPhaseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
