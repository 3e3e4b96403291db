using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSense.Actors;

/// <summary>
/// A hierarchy of actors with its shared services: dispatchers, scheduler, event stream, dead letters and
/// coordinated shutdown. Top-level actors live under <c>/user</c>.
/// </summary>
/// <example>
/// <code>
/// await using var system = ActorSystem.Create("node");
/// IActorRef feeds = system.ActorOf(Props.Create&lt;FeedSupervisor&gt;(), "feeds");
/// int depth = await feeds.Ask&lt;int&gt;(new GetDepth(), TimeSpan.FromSeconds(1));
/// </code>
/// </example>
public sealed class ActorSystem : IAsyncDisposable, IDisposable
{
    private readonly ActorCell _root;
    private readonly ActorCell _user;
    private readonly ActorCell _systemGuardian;
    private readonly TimerScheduler _scheduler;
    private readonly ConcurrentDictionary<Type, ILogger> _loggers = new();
    private readonly Lazy<Task> _termination;
    private long _deadLetterCount;

    private ActorSystem(string name, ActorSystemOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        Name = name;
        Options = options;
        LoggerFactory = loggerFactory;
        TimeProvider = timeProvider;
        Log = loggerFactory.CreateLogger<ActorSystem>();
        EventStream = new EventStream();
        Dispatchers = new Dispatchers(options.DefaultDispatcher, options.LanesDispatcher);
        _scheduler = new TimerScheduler(timeProvider, Log);
        DeadLetters = new DeadLetterActorRef(this);
        _termination = new Lazy<Task>(TerminateAsync);

        _root = new ActorCell(this, null, "", Props.Create<RootGuardian>(), Dispatchers.Default, options.DefaultMailbox);
        _root.Start();
        _user = _root.SpawnChild(Props.Create<Guardian>(), "user");
        _systemGuardian = _root.SpawnChild(Props.Create<Guardian>(), "system");
        CoordinatedShutdown = new CoordinatedShutdown(this, options.CoordinatedShutdown);
    }

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">The system's name (for logs).</param>
    /// <param name="options">Settings; null for the defaults (see <see cref="ActorSystemOptions.FromConfiguration"/>).</param>
    /// <param name="loggerFactory">Where actors and the kernel log; null for no logging.</param>
    /// <param name="timeProvider">The clock of the scheduler, receive timeouts and Ask; null for the system clock.</param>
    public static ActorSystem Create(string name, ActorSystemOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new ActorSystemOptions();
        options.Validate();
        return new ActorSystem(name, options, loggerFactory ?? NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The settings it was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>Where actors and the kernel log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The clock of the scheduler, receive timeouts and Ask timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The kernel's logger.</summary>
    public ILogger Log { get; }

    /// <summary>Publish/subscribe by type; dead letters and unhandled messages are published here.</summary>
    public EventStream EventStream { get; }

    /// <summary>The registered dispatchers.</summary>
    public Dispatchers Dispatchers { get; }

    /// <summary>Sends messages and runs actions later.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>Ordered shutdown phases for this node.</summary>
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Anything told to this reference is a dead letter.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Messages that could not be delivered since the system started.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Completes when the system has terminated.</summary>
    public Task WhenTerminated => _root.WhenTerminated;

    /// <summary>Starts a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _user.SpawnChild(props, name);

    /// <summary>Starts an actor under <c>/system</c> (kernel services and test probes).</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.SpawnChild(props, name);

    /// <summary>Stops an actor (asynchronously).</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is LocalActorRef local)
            local.Cell.ParentCell?.Stop(actor);
    }

    /// <summary>A snapshot of the whole hierarchy from the root (<c>/user</c>, <c>/system</c> and below).</summary>
    public ActorNode Hierarchy() => ActorNode.Of(_root);

    /// <summary>Stops every actor (<c>/user</c> first, then <c>/system</c>) and cancels scheduled jobs. Idempotent.</summary>
    public Task Terminate() => _termination.Value;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Terminate());

    /// <inheritdoc />
    public void Dispose()
    {
        if (!Terminate().Wait(TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"Actor system {Name} did not terminate within 30 s.");
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem[{Name}]";

    internal ILogger LoggerFor(Type actorType) => _loggers.GetOrAdd(actorType, static (type, factory) => factory.CreateLogger(type), LoggerFactory);

    /// <summary>Counts and publishes an undeliverable message; a dead-lettered Ask question fails its Ask at once.</summary>
    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient, DeadLetterReason reason)
    {
        Interlocked.Increment(ref _deadLetterCount);
        if (sender is IAskPromise promise)
            promise.Undelivered(recipient, reason);
        EventStream.Publish(new DeadLetter(message, sender, recipient, reason));
    }

    internal void LogChildFailure(Exception cause, IActorRef child, Directive directive)
    {
        if (directive == Directive.Resume)
            KernelLog.ChildResumed(Log, cause, child.Path.ToString());
        else if (directive != Directive.Escalate)
            KernelLog.ChildFailed(Log, cause, child.Path.ToString(), directive);
    }

    internal void LogHookFailure(Exception cause, IActorRef actor, string hook) => KernelLog.HookFailed(Log, cause, actor.Path.ToString(), hook);

    private async Task TerminateAsync()
    {
        _user.SendSystem(new Terminate());
        await _user.WhenTerminated.ConfigureAwait(false);
        _systemGuardian.SendSystem(new Terminate());
        _root.SendSystem(new Terminate());
        await _root.WhenTerminated.ConfigureAwait(false);
        _scheduler.CancelAll();
        Dispatchers.Shutdown();
    }

    /// <summary>The guardian of <c>/user</c> and <c>/system</c>: supervises top-level actors with the default strategy.</summary>
    private sealed class Guardian : ActorBase
    {
        protected override bool Receive(object message) => false;
    }

    /// <summary>The root: stops a failing guardian.</summary>
    private sealed class RootGuardian : ActorBase
    {
        protected override bool Receive(object message) => false;

        protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Stopping;
    }
}
