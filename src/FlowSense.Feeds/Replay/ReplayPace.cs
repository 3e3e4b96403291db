namespace FlowSense.Feeds.Replay;

/// <summary>
/// How fast a replay emits: as fast as downstream pulls; at the recorded pace scaled by <see cref="Speed"/>
/// (an event recorded Δ after the first one is emitted Δ / Speed after the replay's first event, by the replay's
/// clock; the recorded time is the events' receive time, for files without one the exchange time); or at a fixed
/// average <see cref="EventsPerSecond"/>, whatever the recorded times (a load harness's paced runs).
/// </summary>
public sealed record ReplayPace
{
    /// <summary>The tick of <see cref="Rate"/> when none is given: small against a 1 ms latency goal.</summary>
    public static readonly TimeSpan DefaultTick = TimeSpan.FromMicroseconds(200);

    /// <summary>The largest batch of a <see cref="Rate"/> replay that is catching up, in ticks' worth of events.</summary>
    public const int CatchUpTicks = 4;

    private ReplayPace(double? speed, double? eventsPerSecond, TimeSpan tick = default)
    {
        Speed = speed;
        EventsPerSecond = eventsPerSecond;
        Tick = tick;
    }

    /// <summary>No waiting: only back-pressure sets the pace.</summary>
    public static ReplayPace AsFastAsPossible { get; } = new(null, null);

    /// <summary>The recorded pace; <paramref name="speed"/> 10 turns a recorded second into 100 ms.</summary>
    public static ReplayPace Recorded(double speed = 1.0) => new(Positive(speed, nameof(speed)), null);

    /// <summary>
    /// A steady rate of <paramref name="eventsPerSecond"/> (event k, counting from 0, is due k / rate after the start),
    /// whatever the recorded times. The replay wakes at most once per <paramref name="tick"/> (default
    /// <see cref="DefaultTick"/>) and emits every event due by then, so an event waits at most about a tick for its
    /// batch and batches are as small as the rate allows. When the replay is behind (a slow consumer, a late wake-up)
    /// it emits what is due without waiting, in batches of at most <see cref="CatchUpTicks"/> ticks' worth of events
    /// (and never more than the replay's batch size): one late wake-up must not become one huge batch, whose first
    /// events would wait for the last to be decoded and regrouped, and for the whole batch to be applied.
    /// </summary>
    public static ReplayPace Rate(double eventsPerSecond, TimeSpan? tick = null)
    {
        var t = tick ?? DefaultTick;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(tick));
        return new(null, Positive(eventsPerSecond, nameof(eventsPerSecond)), t);
    }

    /// <summary>The speed factor of <see cref="Recorded"/>, else null.</summary>
    public double? Speed { get; }

    /// <summary>The rate of <see cref="Rate"/>, else null.</summary>
    public double? EventsPerSecond { get; }

    /// <summary>The longest a <see cref="Rate"/> replay waits between emissions while it is on schedule; zero otherwise.</summary>
    public TimeSpan Tick { get; }

    public override string ToString() =>
        Speed is { } s ? $"Recorded(x{s})" : EventsPerSecond is { } r ? $"Rate({r}/s, tick {Tick.TotalMicroseconds} µs)" : "AsFastAsPossible";

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "A positive finite number is required.");
}
