namespace FlowSense.Cli.Bench;

/// <summary>
/// The load harness: a full-speed run to find the pipeline's sustained rate, then paced runs at shares of it
/// measuring event-to-feature latency, memory sampled throughout, and the CPU cost per event split by stage.
/// </summary>
internal static class PipelineBench
{
    public static async Task<BenchReport> RunAsync(BenchWorkload workload, PipelineBenchOptions options, Action<string> progress, CancellationToken cancellation)
    {
        var runs = new List<RunResult>();
        progress($"max: full speed for {options.Duration} after a {options.WarmUp} warm-up");
        var max = await PipelineRun.ExecuteAsync(workload, Plan("max", null, options), cancellation).ConfigureAwait(false);
        runs.Add(max);
        progress($"max: {max.SustainedPerSecond:N0} events/s sustained");

        foreach (int percent in options.RatePercents)
        {
            double rate = max.SustainedPerSecond * percent / 100;
            progress($"{percent}%: paced at {rate:N0} events/s for {options.Duration}");
            var plan = Plan($"{percent}%", rate, options) with { BatchSize = PacedBatch(rate, options.BatchSize) };
            runs.Add(await PipelineRun.ExecuteAsync(workload, plan, cancellation).ConfigureAwait(false));
        }

        IReadOnlyList<StageCost> stages = [];
        if (options.Stages)
        {
            progress("stages: source alone, symbol state alone");
            stages = await StageBreakdown.MeasureAsync(workload, max, events: 2_000_000).ConfigureAwait(false);
        }
        return new BenchReport(workload.Name, workload.Symbols, options, runs, stages, MachineLoad.Read());
    }

    private static RunPlan Plan(string name, double? rate, PipelineBenchOptions o) =>
        new(name, rate, o.Duration, o.WarmUp, o.BatchSize, BatchesInFlight: 8, Shards: 256, (int)Math.Max(1, o.MemoryInterval.TotalSeconds));

    /// <summary>
    /// A paced source emits a batch when its events are due, so a batch's first event waits for its last: batches of
    /// about 0.25 ms of events keep that wait small against the 1 ms goal, without a message per event.
    /// </summary>
    internal static int PacedBatch(double eventsPerSecond, int maxBatch) => (int)Math.Clamp(eventsPerSecond / 4_000, 1, maxBatch);
}
