namespace FlowSense.Actors;

/// <summary>How a <see cref="BackoffSupervisor"/> spaces the restarts of its child.</summary>
/// <param name="MinBackoff">The delay before the first restart.</param>
/// <param name="MaxBackoff">The cap of the doubling delay (before jitter).</param>
/// <param name="RandomFactor">Jitter: each delay is multiplied by a random value in [1, 1 + RandomFactor].</param>
public sealed record BackoffOptions(TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor)
{
    /// <summary>After the child has run this long without failing, the next failure backs off from <see cref="MinBackoff"/> again. Defaults to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan? ResetAfter { get; init; }

    /// <summary>Restarts allowed in a row (since the last reset); when exhausted the supervisor stops. -1 for no limit.</summary>
    public int MaxRetries { get; init; } = -1;

    /// <summary>Seeds the jitter, for reproducible runs; null for a random seed.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>
    /// The delay before restart number <paramref name="restartCount"/> (0-based):
    /// <c>min(MaxBackoff, MinBackoff × 2^restartCount) × (1 + random01 × RandomFactor)</c>, as in Akka.
    /// </summary>
    public TimeSpan DelayFor(int restartCount, double random01)
    {
        double doubled = MinBackoff.Ticks * Math.Pow(2, Math.Min(restartCount, 62));
        double capped = Math.Min(MaxBackoff.Ticks, doubled);
        return TimeSpan.FromTicks((long)(capped * (1 + (random01 * RandomFactor))));
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinBackoff, TimeSpan.Zero, nameof(MinBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, MinBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfNegative(RandomFactor, nameof(RandomFactor));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetries, -1, nameof(MaxRetries));
    }
}

/// <summary>Published on the event stream each time a backoff supervisor schedules a restart.</summary>
/// <param name="Supervisor">The backoff supervisor.</param>
/// <param name="RestartNumber">Which restart in a row this is (0 for the first since start or reset).</param>
/// <param name="Delay">The delay chosen, jitter included.</param>
public sealed record BackoffRestartScheduled(IActorRef Supervisor, int RestartNumber, TimeSpan Delay);
