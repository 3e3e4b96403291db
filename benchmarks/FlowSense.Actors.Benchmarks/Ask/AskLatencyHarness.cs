using System.Diagnostics;
using FlowSense.Actors.Benchmarks.Harness;
using static FlowSense.Actors.Benchmarks.Harness.SummaryTable;

namespace FlowSense.Actors.Benchmarks.Ask;

/// <summary>
/// <c>ask</c>: the latency of one Ask round trip to an echo actor, one Ask at a time, every round trip timed on
/// its own so that p99 is a percentile of round trips (BenchmarkDotNet's percentiles are of iteration means).
/// </summary>
internal static class AskLatencyHarness
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> Run(HarnessArgs args)
    {
        int asks = args.Int("messages", 200_000, min: 100);
        if (!Usage.RejectUnused(args))
            return 2;

        MachineInfo.Print("Ask round trip");
        Console.WriteLine($"  {asks:N0} sequential Asks to an echo actor after {asks / 10:N0} warm-up Asks; latency = Ask called to reply awaited");
        Console.WriteLine();

        await using ActorSystem system = ActorSystem.Create("ask");
        IActorRef echo = system.ActorOf(Props.Create<Echo>(), "echo");
        for (int i = 0; i < asks / 10; i++)
            await echo.Ask<Question>(Question.Instance, AskTimeout);

        var latencies = new double[asks];
        CostWindow cost = CostWindow.Open();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < asks; i++)
        {
            long sent = Stopwatch.GetTimestamp();
            await echo.Ask<Question>(Question.Instance, AskTimeout);
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
        }
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        Cost spent = cost.Close();

        var table = new SummaryTable("Ask round trip", "value");
        foreach (double percent in (double[])[50, 90, 99, 99.9])
            table.Add($"p{percent} latency, µs", Fixed(Samples.Percentile(latencies, percent), 1));
        table.Add("max latency, µs", Fixed(latencies.Max(), 1));
        table.Add("mean latency, µs", Fixed(latencies.Average(), 1));
        table.Add("Asks per second (one at a time)", Millions(asks / elapsed.TotalSeconds));
        table.Add("CPU time per Ask, µs", Fixed(spent.CpuTime.TotalMicroseconds / asks, 2));
        table.Add("allocated B per Ask", Fixed(spent.BytesPer(asks), 0));
        table.Add("GCs 0/1/2", spent.Collections);
        Console.WriteLine(table);
        return 0;
    }
}
