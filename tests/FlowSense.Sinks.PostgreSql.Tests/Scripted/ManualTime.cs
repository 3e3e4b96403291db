namespace FlowSense.Sinks.PostgreSql.Tests.Scripted;

/// <summary>A clock whose timers fire only when the test advances it, and which tells the test what was scheduled.</summary>
internal sealed class ManualTime : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Timer> _timers = [];
    private readonly List<TimeSpan> _scheduled = [];
    private readonly SemaphoreSlim _timerCreated = new(0);
    private DateTimeOffset _now = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    /// <summary>Every due time a timer was started with, in order.</summary>
    public IReadOnlyList<TimeSpan> Scheduled
    {
        get
        {
            lock (_gate)
                return [.. _scheduled];
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        _timerCreated.Release();
        return timer;
    }

    /// <summary>Waits (up to 30 s) until a timer due in exactly <paramref name="due"/> from now is pending.</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!HasPending(due))
            await _timerCreated.WaitAsync(deadline.Token);
    }

    /// <summary>Moves the clock on and fires the timers that came due.</summary>
    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_gate)
        {
            _now += by;
            due = [.. _timers.Where(t => t.DueAt <= _now)];
            _timers.RemoveAll(due.Contains);
        }

        foreach (Timer timer in due)
            timer.Fire();
    }

    private bool HasPending(TimeSpan due)
    {
        lock (_gate)
            return _timers.Any(t => t.DueAt - _now == due);
    }

    private sealed class Timer(ManualTime time, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time._gate)
            {
                time._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                    return true;
                DueAt = time._now + dueTime;
                time._scheduled.Add(dueTime);
                time._timers.Add(this);
            }

            return true;
        }

        public void Fire() => ThreadPool.QueueUserWorkItem(_ => callback(state));

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
