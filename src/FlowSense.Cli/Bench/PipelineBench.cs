namespace FlowSense.Cli.Bench;

/// <summary>
/// The load harness: a full-speed run to find the pipeline's sustained rate, then paced runs at shares of it
/// measuring event-to-feature latency, memory sampled throughout, and the CPU cost per event split by stage.
/// </summary>
internal static class PipelineBench
{
    public static async Task<BenchReport> RunAsync(BenchWorkload workload, PipelineBenchOptions options, Action<string> progress, CancellationToken cancellation)
    {
        progress($"machine: random-read latency over {BenchReport.SizesText(MemoryLatency.DefaultSizes)}");
        var randomReads = MemoryLatency.Measure(MemoryLatency.DefaultSizes);
        progress($"machine: random reads {BenchReport.RandomReadsText(randomReads)}");

        var runs = new List<RunResult>();
        RunResult? max = null;
        double maxRate;
        if (options.MaxRate is { } given)
        {
            maxRate = given;
            progress($"max: {maxRate:N0} events/s as given (no full-speed run)");
        }
        else
        {
            progress($"max: full speed for {options.Duration} after a {options.WarmUp} warm-up");
            max = await PipelineRun.ExecuteAsync(workload, Plan("max", null, options), cancellation).ConfigureAwait(false);
            runs.Add(max);
            maxRate = max.SustainedPerSecond;
            progress($"max: {maxRate:N0} events/s sustained");
        }

        foreach (int percent in options.RatePercents)
        {
            double rate = maxRate * percent / 100;
            progress($"{percent}%: paced at {rate:N0} events/s for {options.Duration}");
            var plan = Plan($"{percent}%", rate, options);
            runs.Add(await PipelineRun.ExecuteAsync(workload, plan, cancellation).ConfigureAwait(false));
        }

        IReadOnlyList<StageCost> stages = [];
        if (options.Stages && max is not null)
        {
            progress("stages: source alone, symbol state alone");
            stages = await StageBreakdown.MeasureAsync(workload, max, events: 2_000_000).ConfigureAwait(false);
        }
        return new BenchReport(workload.Name, workload.Symbols, options, runs, stages, MachineLoad.Read(), randomReads);
    }

    /// <summary>
    /// Every run has the same largest batch: a paced run emits what is due once per tick (small batches while it is
    /// on schedule) and fills whole batches only to catch up, so the batch size is a cap, not the paced batch.
    /// </summary>
    private static RunPlan Plan(string name, double? rate, PipelineBenchOptions o) =>
        new(name, rate, o.Tick, o.Duration, o.WarmUp, o.BatchSize, o.BatchesInFlight, Shards: 256, (int)Math.Max(1, o.MemoryInterval.TotalSeconds), o.Dispatcher, o.LaneIdleSpin,
        TicksOnLanes: o.TicksRunOnLanes);
}
