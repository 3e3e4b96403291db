using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace FlowSense.Cli.Bench;

/// <summary>Everything <c>flowsense bench pipeline</c> measured, and its forms: tables, JSON, a memory CSV and a latency CSV.</summary>
internal sealed record BenchReport(string Source, int Symbols, PipelineBenchOptions Options, IReadOnlyList<RunResult> Runs,
    IReadOnlyList<StageCost> Stages, MachineLoad Machine, IReadOnlyList<MemoryLatencyPoint> RandomReads)
{
    /// <summary>The issue's latency goal, against which each second's p99 is counted.</summary>
    private const long GoalP99Ns = 1_000_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The runs, the stage costs and the memory of the longest-running picture (the full-speed run).</summary>
    public void Write(IAnsiConsole console)
    {
        var runs = new Table().Title($"pipeline bench: {Source}, {Symbols:N0} symbols, {Options.Dispatcher} dispatcher{(Options.Dispatcher == Actors.Dispatchers.LanesId ? $" (idle spin {Options.LaneIdleSpin.TotalMicroseconds:N0} µs)" : "")}, tick {Options.Tick.TotalMicroseconds:N0} µs on {(Options.TicksRunOnLanes ? "the lanes" : "a timer thread")}, {Options.BatchesInFlight} batches in flight, {Machine.Cores} cores, load {Machine.LoadAverages}")
            .Caption($"random-read latency on this machine, by working set: {RandomReadsText(RandomReads)}")
            .AddColumns("run", "target ev/s", "sustained ev/s", "mean ev/s", "CPU ns/ev", "CPU busy", "B/ev", "ev/msg", "items/msg", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "due p99 µs", "GC pauses", "rejected");
        foreach (var r in Runs)
        {
            runs.AddRow(r.Plan.Name, r.Plan.EventsPerSecond is { } t ? N(t) : "full speed", N(r.SustainedPerSecond), N(r.MeanPerSecond),
                N(r.CpuNsPerEvent), r.CpuBusy(Machine.Cores).ToString("P0", Invariant), r.BytesPerEvent.ToString("N1", Invariant), r.EventsPerSlice.ToString("N1", Invariant), r.WorkItemsPerSlice.ToString("N2", Invariant), Micros(r.Latency.ValueAt(0.5)), Micros(r.Latency.ValueAt(0.99)),
                Micros(r.Latency.ValueAt(0.999)), Micros(r.Latency.Max), r.LatencyFromDue is { } due ? Micros(due.ValueAt(0.99)) : "", GcPauses(r), N(r.Totals.Rejected));
        }
        console.Write(runs);

        var seconds = new Table().Title("event-to-feature latency second by second (each second of the window; from decoding unless marked due), and the platform's stalls (an idle thread's 1 ms sleeps, how late they woke)")
            .AddColumns("run", "seconds", "median second's p99 µs", "worst second's p99 µs", "seconds with p99 > 1 ms", "median second's due p99 µs",
                "stall p99 µs", "longest stall µs", "stalls > 1 ms");
        foreach (var r in Runs)
        {
            seconds.AddRow(r.Plan.Name, N(r.LatencyPerSecond.Count), MicrosOrDash(r.MedianSecondP99Ns), Micros(r.WorstSecondP99Ns),
                N(r.SecondsWithP99Over(GoalP99Ns)), r.Plan.EventsPerSecond is null ? "" : MicrosOrDash(r.MedianSecondDueP99Ns),
                Micros(r.Stalls.ValueAt(0.99)), Micros(r.Stalls.Max), N(r.StallsOverOneMillisecond));
        }
        console.Write(seconds);

        if (Stages.Count > 0)
        {
            var stages = new Table().Title("CPU per event by stage (measured apart; graph + actors is the difference, noisy on a loaded machine)")
                .AddColumns("stage", "ns/event");
            foreach (var s in Stages)
                stages.AddRow(Markup.Escape(s.Stage), N(s.NsPerEvent));
            console.Write(stages);
        }

        var memory = new Table().Title("memory over time (GC heap and RSS slopes after the first sample)")
            .Caption($"held by the symbol actors at the end of each run (a full GC before and after they stop): {HeldBySymbolsText()}")
            .AddColumns("run", "t s", "GC heap MB", "GC committed at last GC, MB", "RSS MB", "gen0", "gen1", "gen2");
        foreach (var r in Runs)
        {
            foreach (var m in r.Memory)
                memory.AddRow(r.Plan.Name, m.AtSeconds.ToString("N0", Invariant), Mb(m.GcHeapBytes), Mb(m.GcCommittedBytes), Mb(m.RssBytes), N(m.Gen0), N(m.Gen1), N(m.Gen2));
            memory.AddRow(r.Plan.Name, "slope", $"{Mb(r.GcHeapSlopePerMinute)}/min", $"{Mb(r.GcCommittedSlopePerMinute)}/min", $"{Mb(r.RssSlopePerMinute)}/min", "", "", "");
        }
        console.Write(memory);
    }

    /// <summary>"max 87.0 MB (87.1 KB a symbol) · 25% …": what each run's symbol actors held at its end.</summary>
    private string HeldBySymbolsText() =>
        string.Join(" · ", Runs.Select(r => r.HeldBySymbolsBytes is { } held && HeldPerSymbol(r) is { } perSymbol
            ? $"{r.Plan.Name} {Mb(held)} MB ({(perSymbol / 1024).ToString("N1", Invariant)} KB a symbol)"
            : $"{r.Plan.Name} not measured (the actors did not stop in time)"));

    private double? HeldPerSymbol(RunResult r) => r.HeldBySymbolsBytes / (double)Math.Max(1, Symbols);

    /// <summary>"1 MB 10 ns · 4 MB 20 ns · …": each working set's random-read latency.</summary>
    public static string RandomReadsText(IEnumerable<MemoryLatencyPoint> points) =>
        string.Join(" · ", points.Select(p => $"{Size(p.Bytes)} {p.NanosecondsPerRead.ToString("N0", Invariant)} ns"));

    /// <summary>"1, 4, 16 and 64 MB": the working sets measured.</summary>
    public static string SizesText(IReadOnlyList<long> bytes) =>
        bytes.Count == 1 ? Size(bytes[0]) : $"{string.Join(", ", bytes.Take(bytes.Count - 1).Select(Size))} and {Size(bytes[^1])}";

    private static string Size(long bytes) => bytes >= 1 << 20
        ? $"{(bytes / (double)(1 << 20)).ToString("0.#", Invariant)} MB" : $"{(bytes / 1024.0).ToString("0.#", Invariant)} KB";

    public string ToJson() => JsonSerializer.Serialize(new
    {
        source = Source,
        symbols = Symbols,
        cores = Machine.Cores,
        loadAverages = Machine.LoadAverages,
        durationSeconds = Options.Duration.TotalSeconds,
        warmUpSeconds = Options.WarmUp.TotalSeconds,
        dispatcher = Options.Dispatcher,
        tickMicroseconds = Options.Tick.TotalMicroseconds,
        ticksOn = Options.TicksRunOnLanes ? PipelineBenchOptions.TicksOnLanes : PipelineBenchOptions.TicksOnThread,
        batchesInFlight = Options.BatchesInFlight,
        laneIdleSpinMicroseconds = Options.LaneIdleSpin.TotalMicroseconds,
        randomReads = RandomReads.Select(p => new { bytes = p.Bytes, nanoseconds = p.NanosecondsPerRead }),
        givenMaxRate = Options.MaxRate,
        runs = Runs.Select(r => new
        {
            name = r.Plan.Name,
            targetEventsPerSecond = r.Plan.EventsPerSecond,
            batchSize = r.Plan.BatchSize,
            sustainedEventsPerSecond = r.SustainedPerSecond,
            meanEventsPerSecond = r.MeanPerSecond,
            events = r.Events,
            sourceSeconds = r.SourceTime.TotalSeconds,
            cpuNsPerEvent = r.CpuNsPerEvent,
            cpuBusy = r.CpuBusy(Machine.Cores),
            bytesPerEvent = r.BytesPerEvent,
            gcPauseMilliseconds = r.GcPause.TotalMilliseconds,
            gcCollections = r.Collections,
            eventsPerSymbolMessage = r.EventsPerSlice,
            threadPoolWorkItemsPerSymbolMessage = r.WorkItemsPerSlice,
            latencyNs = new { count = r.Latency.Count, p50 = r.Latency.ValueAt(0.5), p99 = r.Latency.ValueAt(0.99), p999 = r.Latency.ValueAt(0.999), max = r.Latency.Max },
            stallsNs = new { count = r.Stalls.Count, p50 = r.Stalls.ValueAt(0.5), p99 = r.Stalls.ValueAt(0.99), max = r.Stalls.Max, overOneMillisecond = r.StallsOverOneMillisecond },
            latencyFromDueNs = r.LatencyFromDue is { } due
                ? new { count = due.Count, p50 = due.ValueAt(0.5), p99 = due.ValueAt(0.99), p999 = due.ValueAt(0.999), max = due.Max }
                : null,
            gcHeapSlopeBytesPerMinute = r.GcHeapSlopePerMinute,
            gcCommittedSlopeBytesPerMinute = r.GcCommittedSlopePerMinute,
            rssSlopeBytesPerMinute = r.RssSlopePerMinute,
            totals = r.Totals,
            perSecondRates = r.PerSecondRates,
            latencyPerSecond = r.LatencyPerSecond.Select(Json),
            latencyFromDuePerSecond = r.Plan.EventsPerSecond is null ? null : r.LatencyFromDuePerSecond.Select(Json),
            memory = r.Memory,
            heldBySymbolsBytes = r.HeldBySymbolsBytes,
            heldBySymbolsBytesPerSymbol = HeldPerSymbol(r),
        }),
        stages = Stages.Select(s => new { stage = s.Stage, nsPerEvent = s.NsPerEvent }),
    }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });

    /// <summary>One row per memory sample of every run.</summary>
    public string MemoryCsv()
    {
        var csv = new StringBuilder("run,at_seconds,gc_heap_bytes,rss_bytes,gen0,gen1,gen2,allocated_bytes,gc_committed_bytes\n");
        foreach (var r in Runs)
        {
            foreach (var m in r.Memory)
                csv.Append(Invariant, $"{r.Plan.Name},{m.AtSeconds:F1},{m.GcHeapBytes},{m.RssBytes},{m.Gen0},{m.Gen1},{m.Gen2},{m.AllocatedBytes},{m.GcCommittedBytes}\n");
        }
        return csv.ToString();
    }

    /// <summary>
    /// One row per second of every run's latencies, from decoding (<see cref="RunResult.LatencyPerSecond"/>), then
    /// for paced runs from the due time (<see cref="RunResult.LatencyFromDuePerSecond"/>).
    /// </summary>
    public string LatencyCsv()
    {
        var csv = new StringBuilder("run,from,at_seconds,count,p50_ns,p99_ns,max_ns\n");
        foreach (var r in Runs)
        {
            Rows(r.Plan.Name, "decoding", r.LatencyPerSecond);
            Rows(r.Plan.Name, "due", r.LatencyFromDuePerSecond);
        }
        return csv.ToString();

        void Rows(string run, string from, IReadOnlyList<LatencyInterval> seconds)
        {
            foreach (var i in seconds)
                csv.Append(Invariant, $"{run},{from},{i.AtSeconds:F1},{i.Count},{i.P50Ns},{i.P99Ns},{i.MaxNs}\n");
        }
    }

    private static object Json(LatencyInterval i) => new { atSeconds = i.AtSeconds, count = i.Count, p50Ns = i.P50Ns, p99Ns = i.P99Ns, maxNs = i.MaxNs };

    /// <summary>Total pause and number of collections, e.g. "3.1 ms (2)".</summary>
    private static string GcPauses(RunResult r) => $"{r.GcPause.TotalMilliseconds.ToString("N1", Invariant)} ms ({r.Collections.ToString(Invariant)})";

    private static string N(double value) => double.IsFinite(value) ? value.ToString("N0", Invariant) : "-";

    // The histogram's last bucket holds everything beyond its range (about 8.6 s) and has no upper edge.
    private static string Micros(long nanoseconds) => nanoseconds == long.MaxValue ? "> 8.6 s" : (nanoseconds / 1000.0).ToString("N1", Invariant);

    private static string MicrosOrDash(double nanoseconds) => double.IsNaN(nanoseconds) ? "-" : Micros((long)nanoseconds);

    private static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("N1", Invariant);
}
