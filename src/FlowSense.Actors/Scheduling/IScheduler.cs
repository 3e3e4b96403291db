namespace FlowSense.Actors;

/// <summary>Sends messages or runs actions later, on the system's <see cref="TimeProvider"/> (virtual time in tests).</summary>
public interface IScheduler
{
    /// <summary>The scheduler's clock.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> once, after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Tells <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> (on a timer thread; keep it short).</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    /// <summary>Runs <paramref name="action"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}

/// <summary>A scheduled job that can be cancelled.</summary>
public interface ICancelable
{
    /// <summary>True once <see cref="Cancel"/> was called (or a once-job has run).</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Stops further runs; a run already started finishes.</summary>
    void Cancel();
}
