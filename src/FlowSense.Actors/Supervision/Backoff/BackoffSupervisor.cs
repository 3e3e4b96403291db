namespace FlowSense.Actors;

/// <summary>
/// Supervises one child (a connector, typically) by restarting it after growing, jittered delays instead of at
/// once: a failing child is stopped, and started again after <see cref="BackoffOptions.DelayFor"/>. Messages
/// sent to the supervisor are forwarded to the child (dead letters while it is down). Timing runs on the
/// system's scheduler, so it follows virtual time in tests.
/// </summary>
public static class BackoffSupervisor
{
    /// <summary>Props of a supervisor that runs <paramref name="child"/> under the name <paramref name="childName"/>.</summary>
    public static Props Props(Props child, string childName, BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentException.ThrowIfNullOrWhiteSpace(childName);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Actors.Props.Create(() => new Supervisor(child, childName, options));
    }

    /// <summary>Ask the supervisor for its child; the reply is <see cref="CurrentChild"/>.</summary>
    public sealed record GetCurrentChild
    {
        /// <summary>The only instance.</summary>
        public static GetCurrentChild Instance { get; } = new();
    }

    /// <summary>The supervisor's child, or null while it is down.</summary>
    public sealed record CurrentChild(IActorRef? Child);

    /// <summary>Ask the supervisor how many restarts in a row it has scheduled; the reply is <see cref="RestartCount"/>.</summary>
    public sealed record GetRestartCount
    {
        /// <summary>The only instance.</summary>
        public static GetRestartCount Instance { get; } = new();
    }

    /// <summary>Restarts in a row since the start or the last reset.</summary>
    public sealed record RestartCount(int Count);

    private sealed record StartChild;

    private sealed record ResetIfStable(long Generation);

    private sealed class Supervisor(Props childProps, string childName, BackoffOptions options) : UntypedActor
    {
        private static readonly StartChild Start = new();
        private readonly Random _random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        private IActorRef? _child;
        private int _restarts;
        private long _generation;
        private ICancelable? _pending;

        protected override void PreStart() => StartChildNow();

        protected override void PostStop() => _pending?.Cancel();

        protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Stopping;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Terminated terminated when ReferenceEquals(terminated.Actor, _child):
                    ScheduleRestart();
                    break;
                case StartChild:
                    if (_child is null)
                        StartChildNow();
                    break;
                case ResetIfStable reset:
                    if (reset.Generation == _generation && _child is not null)
                        _restarts = 0;
                    break;
                case GetCurrentChild:
                    Sender.Tell(new CurrentChild(_child), Self);
                    break;
                case GetRestartCount:
                    Sender.Tell(new RestartCount(_restarts), Self);
                    break;
                default:
                    if (_child is not null)
                        _child.Forward(message);
                    else
                        Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self, DeadLetterReason.Sent), Sender);
                    break;
            }
        }

        private void StartChildNow()
        {
            _child = Context.Watch(Context.ActorOf(childProps, childName));
            _generation++;
            _pending?.Cancel();
            _pending = Context.System.Scheduler.ScheduleTellOnce(options.ResetAfter ?? options.MaxBackoff, Self, new ResetIfStable(_generation), Self);
        }

        private void ScheduleRestart()
        {
            _child = null;
            _pending?.Cancel();
            if (options.MaxRetries >= 0 && _restarts >= options.MaxRetries)
            {
                Context.Stop(Self);
                return;
            }
            TimeSpan delay = options.DelayFor(_restarts, _random.NextDouble());
            _pending = Context.System.Scheduler.ScheduleTellOnce(delay, Self, Start, Self);
            // Published once the restart is scheduled, so that whoever acts on the event (a test moving a virtual
            // clock by the delay) finds the timer running from now, not armed after their move.
            Context.System.EventStream.Publish(new BackoffRestartScheduled(Self, _restarts, delay));
            _restarts++;
        }
    }
}
