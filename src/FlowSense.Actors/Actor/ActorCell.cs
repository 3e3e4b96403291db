using Microsoft.Extensions.Logging;

namespace FlowSense.Actors;

/// <summary>
/// The runtime of one actor: its mailbox, its current instance and behavior, its children and its lifecycle.
/// It is also the thread-pool work item that runs the actor's turn, so that scheduling allocates nothing.
/// </summary>
/// <remarks>
/// The class is split by concern: this file holds identity and creation; the mailbox turn is in
/// Mailbox/ActorCell.Mailbox.cs, failures in Supervision/, watching and stopping in DeathWatch/, the stash in Stash/.
/// Fields marked "turn-owned" are touched only by the thread running the actor's turn.
/// </remarks>
internal sealed partial class ActorCell : LocalActorRef, IActorContext
{
    [ThreadStatic]
    private static ActorCell? t_constructing;

    [ThreadStatic]
    private static ActorCell? t_current;

    private readonly ActorSystem _system;
    private readonly Props _props;
    private readonly MessageDispatcher _dispatcher;

    private ActorBase? _actor;            // turn-owned
    private Behavior? _behavior;          // turn-owned; null means the actor's own Receive
    private object? _currentMessage;      // turn-owned
    private IActorRef? _currentSender;    // turn-owned
    private LifecycleState _state;        // turn-owned
    private int _suspendCount;            // turn-owned
    private ChildrenContainer? _children; // created on the first child; locked for writes
    private CellExtras? _extras;          // created on first use of a rarely used feature

    /// <summary>The lane a <see cref="LaneDispatcher"/> pinned this actor to; null on other dispatchers.</summary>
    internal LaneDispatcher.Lane? Lane;

    internal ActorCell(ActorSystem system, ActorCell? parent, string name, Props props, MessageDispatcher dispatcher, MailboxOptions mailbox)
        : base(parent, name)
    {
        _system = system;
        _props = props;
        _dispatcher = dispatcher;
        _capacity = props.MailboxCapacity ?? mailbox.Capacity;
        _overflow = props.MailboxOverflow ?? mailbox.Overflow;
        _maxSegmentSize = _overflow == MailboxOverflow.Backpressure ? MailboxQueue.HardLimit : MailboxQueue.SegmentSizeFor(_capacity);
    }

    private enum LifecycleState : byte
    {
        NotStarted,
        Running,
        Terminating,
        Terminated,
    }

    /// <summary>The cell whose actor constructor is running on this thread.</summary>
    internal static ActorCell? Constructing => t_constructing;

    /// <summary>The cell whose turn is running on this thread, or null.</summary>
    internal static ActorCell? Current => t_current;

    public IActorRef Self => this;

    public IActorRef Sender => _currentSender ?? ActorRefs.NoSender;

    public IActorRef Parent => (IActorRef?)ParentCell ?? ActorRefs.NoSender;

    public ActorSystem System => _system;

    public ILogger Log => _system.LoggerFor(_props.ActorType);

    internal override ActorCell Cell => this;

    internal Props Props => _props;

    /// <summary>The current actor instance (null before creation and after stop); for the TestKit.</summary>
    internal ActorBase? Actor => _actor;

    internal bool IsTerminated => (Volatile.Read(ref _status) & StatusClosed) != 0;

    private CellExtras Extras
    {
        get
        {
            CellExtras? extras = Volatile.Read(ref _extras);
            if (extras is not null)
                return extras;
            Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
            return _extras!;
        }
    }

    /// <summary>Queues the cell's first turn, in which the actor instance is created.</summary>
    internal void Start()
    {
        _dispatcher.Attach(this);
        TrySchedule();
    }

    public void Become(Behavior behavior, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        if (!discardOld)
            (Extras.BehaviorStack ??= new Stack<Behavior?>()).Push(_behavior);
        _behavior = behavior;
    }

    public void Unbecome()
    {
        Stack<Behavior?>? stack = _extras?.BehaviorStack;
        _behavior = stack is { Count: > 0 } ? stack.Pop() : null;
    }

    /// <summary>Runs the actor's constructor with this cell as its context.</summary>
    private ActorBase NewActor()
    {
        ActorCell? outer = t_constructing;
        t_constructing = this;
        try
        {
            ActorBase actor = _props.Factory();
            if (!ReferenceEquals(actor.Cell, this))
                throw new InvalidOperationException("The Props factory must return a new actor instance on every call.");
            return actor;
        }
        finally
        {
            t_constructing = outer;
        }
    }

    /// <summary>First turn: constructs the actor and runs PreStart.</summary>
    private void Create()
    {
        _state = LifecycleState.Running;
        try
        {
            _actor = NewActor();
            _actor.InvokePreStart();
        }
        catch (Exception ex)
        {
            _actor = null;
            Fail(new ActorInitializationException(this, "failed to start", ex));
        }
    }

    internal void PublishUnhandled(object message)
    {
        _system.EventStream.Publish(new UnhandledMessage(message, _currentSender, this));
    }

    /// <summary>Rarely used per-actor state, allocated on first use so that idle actors stay small.</summary>
    private sealed class CellExtras
    {
        public Stack<Behavior?>? BehaviorStack;
        public HashSet<ActorCell>? WatchedBy;
        public HashSet<IActorRef>? Watching;
        public StashBuffer? Stash;
        public Queue<Envelope>? Unstashed;
        public TimeSpan? ReceiveTimeout;
        public ITimer? ReceiveTimeoutTimer;
        public BackpressureGate? Gate;
        public SupervisorStrategy? Strategy;
        public Exception? PendingRecreate;
        public TaskCompletionSource? Termination;
        public long DroppedCount;
        public long OverCapacityCount;
        public RestartStatistics? RestartStatistics; // owned by the parent's turn
    }
}
