namespace FlowSense.Feeds.Replay;

/// <summary>
/// How far a replay has got. <see cref="Fraction"/> is <see cref="Done"/> of <see cref="Total"/> (1 once complete);
/// the rate is events per second of the replay's clock since it started, and the ETA extrapolates the time spent so
/// far over the fraction still to do (null until something is done).
/// </summary>
public readonly record struct ReplayProgress(
    ReplayUnit Unit,
    long Done,
    long Total,
    long Events,
    long Batches,
    long Rejected,
    TimeSpan Elapsed,
    bool IsComplete)
{
    public double Fraction => IsComplete ? 1.0 : Total <= 0 ? 0.0 : Math.Min(1.0, (double)Done / Total);

    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0.0;

    public TimeSpan? Eta => IsComplete ? TimeSpan.Zero
        : Fraction <= 0 ? null
        : TimeSpan.FromTicks((long)(Elapsed.Ticks * (1 - Fraction) / Fraction));

    public override string ToString() =>
        $"{Fraction:P1} ({Done:N0}/{Total:N0} {Unit}), {Events:N0} events in {Batches:N0} batches, {EventsPerSecond:N0} events/s, rejected {Rejected:N0}";
}
