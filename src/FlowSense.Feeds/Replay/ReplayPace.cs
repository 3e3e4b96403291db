namespace FlowSense.Feeds.Replay;

/// <summary>
/// How fast a replay emits: as fast as downstream pulls; at the recorded pace scaled by <see cref="Speed"/>
/// (an event recorded Δ after the first one is emitted Δ / Speed after the replay's first event, by the replay's
/// clock; the recorded time is the events' receive time, for files without one the exchange time); or at a fixed
/// average <see cref="EventsPerSecond"/>, whatever the recorded times (a load harness's paced runs).
/// </summary>
public sealed record ReplayPace
{
    private ReplayPace(double? speed, double? eventsPerSecond)
    {
        Speed = speed;
        EventsPerSecond = eventsPerSecond;
    }

    /// <summary>No waiting: only back-pressure sets the pace.</summary>
    public static ReplayPace AsFastAsPossible { get; } = new(null, null);

    /// <summary>The recorded pace; <paramref name="speed"/> 10 turns a recorded second into 100 ms.</summary>
    public static ReplayPace Recorded(double speed = 1.0) => new(Positive(speed, nameof(speed)), null);

    /// <summary>
    /// A steady average of <paramref name="eventsPerSecond"/>: before each batch the replay waits until the events
    /// already emitted are due at that rate. Batches stay whole (at most the replay's batch size), so events arrive in
    /// bursts of one batch, and a replay that fell behind (a slow consumer, a late timer) catches up at full speed.
    /// </summary>
    public static ReplayPace Rate(double eventsPerSecond) => new(null, Positive(eventsPerSecond, nameof(eventsPerSecond)));

    /// <summary>The speed factor of <see cref="Recorded"/>, else null.</summary>
    public double? Speed { get; }

    /// <summary>The rate of <see cref="Rate"/>, else null.</summary>
    public double? EventsPerSecond { get; }

    public override string ToString() =>
        Speed is { } s ? $"Recorded(x{s})" : EventsPerSecond is { } r ? $"Rate({r}/s)" : "AsFastAsPossible";

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "A positive finite number is required.");
}
