namespace FlowSense.Actors.TestKit;

/// <summary>
/// A clock that moves only when told to. Plug it into <see cref="ActorSystem.Create"/> (the TestKit does with
/// <c>virtualTime: true</c>) and the scheduler, receive timeouts, Ask timeouts and backoff all run on it.
/// </summary>
/// <remarks>
/// <see cref="Advance"/> fires due timers on the calling thread, earliest first (ties in creation order), and
/// moves the clock to each timer's due time before firing it, so callbacks observe consistent time.
/// </remarks>
public sealed class VirtualTime : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>Starts the clock at <paramref name="start"/> (default 2026-01-01T00:00Z).</summary>
    public VirtualTime(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
            return _now;
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The number of timers waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_sync)
                return _timers.Count(t => t.Due is not null);
        }
    }

    /// <summary>When the earliest waiting timer falls due, or null when none waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_sync)
                return _timers.Where(t => t.Due is not null).Min(t => t.Due);
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        lock (_sync)
            _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by) => Advance(by, late: false);

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/> at once, then fires every timer that fell due meanwhile
    /// (earliest first), each observing the new time: a process that was descheduled and wakes late. Unlike
    /// <see cref="Advance(TimeSpan)"/>, a callback's asynchronous continuation cannot observe an intermediate time.
    /// </summary>
    public void AdvanceLate(TimeSpan by) => Advance(by, late: true);

    private void Advance(TimeSpan by, bool late)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_sync)
        {
            target = _now + by;
            if (late)
                _now = target;
        }

        while (true)
        {
            VirtualTimer? next;
            lock (_sync)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).OrderBy(t => t.Due).ThenBy(t => t.Sequence).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.Due > _now)
                    _now = next.Due!.Value;
                next.Due = next.Period is { } period ? _now + period : null;
            }
            next.Fire();
        }
    }

    private sealed class VirtualTimer(VirtualTime clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public long Sequence { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._sync)
            {
                if (!clock._timers.Contains(this))
                    return false;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : period;
                Sequence = ++clock._sequence;
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._sync)
                clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
