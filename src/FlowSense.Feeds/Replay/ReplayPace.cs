namespace FlowSense.Feeds.Replay;

/// <summary>
/// How fast a replay emits: as fast as downstream pulls, or at the recorded pace scaled by <see cref="Speed"/>
/// (an event recorded Δ after the first one is emitted Δ / Speed after the replay's first event, by the replay's
/// clock). The recorded time is the events' receive time (for files without one, the exchange time).
/// </summary>
public sealed record ReplayPace
{
    private ReplayPace(double? speed) => Speed = speed;

    /// <summary>No waiting: only back-pressure sets the pace.</summary>
    public static ReplayPace AsFastAsPossible { get; } = new((double?)null);

    /// <summary>The recorded pace; <paramref name="speed"/> 10 turns a recorded second into 100 ms.</summary>
    public static ReplayPace Recorded(double speed = 1.0)
    {
        if (!double.IsFinite(speed) || speed <= 0)
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed is a positive finite factor.");
        return new ReplayPace(speed);
    }

    /// <summary>The speed factor, or null for <see cref="AsFastAsPossible"/>.</summary>
    public double? Speed { get; }

    public override string ToString() => Speed is { } s ? $"Recorded(x{s})" : "AsFastAsPossible";
}
