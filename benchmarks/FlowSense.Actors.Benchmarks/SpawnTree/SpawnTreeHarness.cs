using System.Diagnostics;
using FlowSense.Actors.Benchmarks.Harness;
using static FlowSense.Actors.Benchmarks.Harness.SummaryTable;

namespace FlowSense.Actors.Benchmarks.SpawnTree;

/// <summary>
/// <c>spawn</c>: the skynet tree of Akka.NET's SpawnBenchmark. Seven levels make 1,111,111 actors whose one million
/// leaves reply with their numbers, summed up to the root; the sum is checked. The first run in the process is
/// cold (JIT, thread-pool growth, first GCs); the warm figure is the median of the runs after it. Each run waits
/// until the whole tree has stopped before the next starts, on one system (as Akka's does).
/// </summary>
internal static class SpawnTreeHarness
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private const double WarmGoalSeconds = 1.0;
    private const int ReferenceLevels = 7;

    public static async Task<int> Run(HarnessArgs args)
    {
        int levels = args.Int("depth", ReferenceLevels);
        int warmRuns = args.Int("runs", 5);
        if (!Usage.RejectUnused(args))
            return 2;

        long actors = 0;
        for (int level = 0; level < levels; level++)
            actors += Pow10(level);
        long leaves = Pow10(levels - 1);
        long expected = leaves * (leaves - 1) / 2;

        MachineInfo.Print("spawn tree");
        Console.WriteLine($"  {levels} levels, fan-out {TreeNode.Fanout}: {actors:N0} actors, expected sum {expected:N0}; 1 cold run + {warmRuns} warm runs");
        Console.WriteLine();

        await using ActorSystem system = ActorSystem.Create("spawn");
        var runs = new List<TreeRun>();
        for (int run = 0; run <= warmRuns; run++)
        {
            TreeRun result = await GrowOnce(system, levels);
            runs.Add(result);
            Console.WriteLine($"  run {run} ({(run == 0 ? "cold" : "warm")}): sum {result.Sum:N0} in {result.ToSum.TotalMilliseconds:F0} ms " +
                              $"({result.Cost.CpuTime.TotalMilliseconds:F0} ms CPU), stopped after {result.ToStopped.TotalMilliseconds:F0} ms, " +
                              $"GC {result.Cost.Collections}, {result.Cost.BytesPer(actors):F0} B allocated per actor");
            if (result.Sum != expected)
            {
                Console.Error.WriteLine($"Wrong sum: {result.Sum:N0}, expected {expected:N0}.");
                return 1;
            }
        }

        TreeRun cold = runs[0];
        TreeRun[] warm = [.. runs.Skip(1)];
        double warmSeconds = Samples.Median(warm.Select(r => r.ToSum.TotalSeconds));
        Console.WriteLine();
        Console.WriteLine("Summary (wall time to the root's sum; the tree then stops itself)");
        var table = new SummaryTable("", "cold", $"warm (median of {warm.Length})", "Akka.NET 1.5.27 (ref)", "goal", "goal met");
        // The reference figures and the goal are for Akka's shape, seven levels; other depths are for quick checks.
        bool referenceShape = levels == ReferenceLevels;
        table.Add("wall time to the sum, s", Fixed(cold.ToSum.TotalSeconds, 3), Fixed(warmSeconds, 3),
            referenceShape ? "1.45-1.9 (warm)" : "", referenceShape ? $"<= {Fixed(WarmGoalSeconds, 1)}" : "",
            referenceShape ? (warmSeconds <= WarmGoalSeconds ? "yes" : "NO") : $"n/a (depth {levels})");
        table.Add("CPU time to the sum, s", Fixed(cold.Cost.CpuTime.TotalSeconds, 3), Fixed(Samples.Median(warm.Select(r => r.Cost.CpuTime.TotalSeconds)), 3), "", "", "");
        table.Add("wall time until stopped, s", Fixed(cold.ToStopped.TotalSeconds, 3), Fixed(Samples.Median(warm.Select(r => r.ToStopped.TotalSeconds)), 3), "", "", "");
        table.Add("actors per second", Millions(actors / cold.ToSum.TotalSeconds), Millions(actors / warmSeconds), referenceShape ? "0.58-0.77M" : "", "", "");
        table.Add("allocated B per actor", Fixed(cold.Cost.BytesPer(actors), 0), Fixed(Samples.Median(warm.Select(r => r.Cost.BytesPer(actors))), 0), "", "", "");
        table.Add("GCs 0/1/2", cold.Cost.Collections, $"{warm.Sum(r => r.Cost.Gen0)}/{warm.Sum(r => r.Cost.Gen1)}/{warm.Sum(r => r.Cost.Gen2)} (all warm runs)", "", "", "");
        Console.WriteLine(table);
        return 0;
    }

    private static async Task<TreeRun> GrowOnce(ActorSystem system, int levels)
    {
        var sum = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        CostWindow cost = CostWindow.Open();
        long start = Stopwatch.GetTimestamp();
        system.ActorOf(Props.Create(() => new TreeRoot(levels, sum, stopped)));
        long total = await sum.Task.WaitAsync(RunTimeout);
        TimeSpan toSum = Stopwatch.GetElapsedTime(start);
        Cost spent = cost.Close();
        await stopped.Task.WaitAsync(RunTimeout);
        TimeSpan toStopped = Stopwatch.GetElapsedTime(start);
        return new TreeRun(total, toSum, toStopped, spent);
    }

    private static long Pow10(int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
            value *= 10;
        return value;
    }

    private sealed record TreeRun(long Sum, TimeSpan ToSum, TimeSpan ToStopped, Cost Cost);
}
