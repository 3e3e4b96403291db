using FlowSense.Pipeline.Ingestion;

namespace FlowSense.Cli.Bench;

/// <summary>What one bench run measured, over its window after the warm-up.</summary>
/// <param name="Plan">How it was driven.</param>
/// <param name="Events">Events completed (acknowledged by their symbol) in the window.</param>
/// <param name="Elapsed">The window's wall-clock length.</param>
/// <param name="Cpu">Process CPU time (all threads) in the window.</param>
/// <param name="AllocatedBytes">Bytes allocated (all threads) in the window.</param>
/// <param name="Latency">Event-to-feature latencies recorded in the window.</param>
/// <param name="PerSecondRates">Completed events in each whole second after the warm-up.</param>
/// <param name="Memory">Memory samples over the whole run.</param>
/// <param name="Totals">The ingestion counters at the end of the run.</param>
internal sealed record RunResult(RunPlan Plan, long Events, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, LatencyHistogram Latency,
    IReadOnlyList<double> PerSecondRates, IReadOnlyList<MemorySample> Memory, IngestionSnapshot Totals)
{
    /// <summary>The sustained rate: the median of the per-second rates (the mean over the window when it is under a second).</summary>
    public double SustainedPerSecond => PerSecondRates.Count > 0 ? Median(PerSecondRates) : Events / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double MeanPerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>CPU nanoseconds per event, all threads: on a shared machine steadier than wall-clock rates.</summary>
    public double CpuNsPerEvent => Events == 0 ? double.NaN : Cpu.TotalNanoseconds / Events;

    /// <summary>
    /// The share of the machine's <paramref name="cores"/> the process kept busy: latency at a paced rate is a matter of
    /// how close this is to 1, and it grows faster than the rate, because at lower rates each symbol message carries
    /// fewer events (<see cref="EventsPerSlice"/>) and so costs more per event.
    /// </summary>
    public double CpuBusy(int cores) => Elapsed <= TimeSpan.Zero ? double.NaN : Cpu / Elapsed / cores;

    /// <summary>Events per symbol message (slice) over the run: what each message's fixed cost was shared by.</summary>
    public double EventsPerSlice => Totals.Slices == 0 ? double.NaN : (double)Totals.Delivered / Totals.Slices;

    /// <summary>A paced run's latencies from each event's due time on the replay's schedule (null at full speed).</summary>
    public LatencyHistogram? LatencyFromDue { get; init; }

    /// <summary>The latencies of each second of the window (from decoding, as <see cref="Latency"/>; the first second may be partial).</summary>
    public IReadOnlyList<LatencyInterval> LatencyPerSecond { get; init; } = [];

    /// <summary>A paced run's latencies from the due time, second by second, as <see cref="LatencyPerSecond"/> (none at full speed).</summary>
    public IReadOnlyList<LatencyInterval> LatencyFromDuePerSecond { get; init; } = [];

    /// <summary>The median of the per-second p99s: the tail of a typical second.</summary>
    public double MedianSecondP99Ns => MedianP99(LatencyPerSecond);

    /// <summary>The median of the per-second p99s from the due time; NaN at full speed.</summary>
    public double MedianSecondDueP99Ns => MedianP99(LatencyFromDuePerSecond);

    /// <summary>The worst second's p99.</summary>
    public long WorstSecondP99Ns => LatencyPerSecond.Count == 0 ? 0 : LatencyPerSecond.Max(s => s.P99Ns);

    /// <summary>Seconds whose p99 was above <paramref name="nanoseconds"/>.</summary>
    public int SecondsWithP99Over(long nanoseconds) => LatencyPerSecond.Count(s => s.P99Ns > nanoseconds);

    /// <summary>
    /// How long the replay ran, from its schedule's start (<see cref="FlowSense.Feeds.Replay.ReplayCounters.StartTimestamp"/>)
    /// to the end of the run: a paced run takes in at most the events due by then.
    /// </summary>
    public TimeSpan SourceTime { get; init; }

    /// <summary>
    /// The memory the symbol actors held at the end of the run, their state above all: what a full collection frees
    /// once they have stopped. Null when not measured.
    /// </summary>
    public long? HeldBySymbolsBytes { get; init; }

    /// <summary>Thread-pool work items completed in the window (actor turns, continuations, timer callbacks).</summary>
    public long ThreadPoolWorkItems { get; init; }

    /// <summary>
    /// Time the garbage collector suspended the process in the window, all collections summed: a latency tail longer
    /// than this is not the GC's.
    /// </summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>Garbage collections in the window, of any generation.</summary>
    public int Collections { get; init; }

    /// <summary>How late an idle thread's 1 ms sleeps woke in the window: the platform's stalls (<see cref="StallMeter"/>).</summary>
    public LatencyHistogram Stalls { get; init; } = new();

    /// <summary>Those stalls longer than 1 ms.</summary>
    public long StallsOverOneMillisecond { get; init; }

    /// <summary>Thread-pool work items per symbol message (slice): the scheduling each message costs.</summary>
    public double WorkItemsPerSlice => Totals.Slices == 0 || Totals.Delivered == 0 ? double.NaN
        : ThreadPoolWorkItems / (Events / ((double)Totals.Delivered / Totals.Slices));

    public double BytesPerEvent => Events == 0 ? double.NaN : (double)AllocatedBytes / Events;

    /// <summary>The GC heap's least-squares slope over the run after its first sample (warm-up), in bytes per minute.</summary>
    public double GcHeapSlopePerMinute => Slope(Memory.Skip(1).Select(m => (m.AtSeconds, (double)m.GcHeapBytes)).ToList()) * 60;

    /// <summary>The GC's committed memory's slope, likewise.</summary>
    public double GcCommittedSlopePerMinute => Slope(Memory.Skip(1).Select(m => (m.AtSeconds, (double)m.GcCommittedBytes)).ToList()) * 60;

    /// <summary>The resident set's slope, likewise.</summary>
    public double RssSlopePerMinute => Slope(Memory.Skip(1).Select(m => (m.AtSeconds, (double)m.RssBytes)).ToList()) * 60;

    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double MedianP99(IReadOnlyList<LatencyInterval> seconds) =>
        seconds.Count == 0 ? double.NaN : Median([.. seconds.Select(s => (double)s.P99Ns)]);

    private static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
            return 0;
        double meanX = points.Average(p => p.X), meanY = points.Average(p => p.Y);
        double sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return sxx == 0 ? 0 : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
    }
}
