using FlowSense.Actors.Benchmarks.Harness;
using static FlowSense.Actors.Benchmarks.Harness.SummaryTable;

namespace FlowSense.Actors.Benchmarks.PingPong;

/// <summary>
/// <c>pingpong</c>: Akka.NET's PingPong sweep over dispatcher throughput, for both client kinds, with a summary
/// against Akka.NET's reference figures and the kernel's goals.
/// </summary>
internal static class PingPongHarness
{
    /// <summary>Akka.NET's sweep (its PingPong program): 1, 5, 10, 15, then 20 to 90 by 10, then 100 to 900 by 100.</summary>
    public static readonly int[] AkkaThroughputs = [1, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 600, 700, 800, 900];

    private const int ReferenceThroughput = 30;
    private const double MedianGoal = 60e6;
    private const double AtReferenceGoal = 50e6;
    private const long PerRunSetUpBudget = 512 * 1024;

    public static async Task<int> Run(HarnessArgs args)
    {
        long messages = args.Long("messages", 30_000_000, min: 4 * PingPongRun.InFlight);
        int[] throughputs = args.IntList("throughputs", AkkaThroughputs);
        int pairs = args.Int("pairs", 2);
        int sweeps = args.Int("sweeps", 1);
        if (!Usage.RejectUnused(args))
            return 2;

        MachineInfo.Print("PingPong");
        Console.WriteLine($"  {pairs} client/destination pairs, {PingPongRun.InFlight} messages in flight per client, one reused message object");
        Console.WriteLine($"  {messages:N0} messages per run (both directions), {sweeps} sweep(s) over throughput {string.Join(',', throughputs)}");
        Console.WriteLine($"  Mailboxes: bounded, capacity {new MailboxOptions().Capacity}, overflow {new MailboxOptions().Overflow}");
        Console.WriteLine();

        Console.Write("Warm-up (both kinds, throughput 30, 1/10 of the messages)... ");
        foreach (ClientKind kind in Enum.GetValues<ClientKind>())
            await PingPongRun.Measure(kind, ReferenceThroughput, Math.Max(messages / 10, 4 * PingPongRun.InFlight), pairs);
        Console.WriteLine("done");
        Console.WriteLine();

        var results = new List<PingPongResult>();
        for (int sweep = 1; sweep <= sweeps; sweep++)
        {
            foreach (int throughput in throughputs)
            {
                foreach (ClientKind kind in Enum.GetValues<ClientKind>())
                {
                    PingPongResult result = await PingPongRun.Measure(kind, throughput, messages, pairs);
                    results.Add(result);
                    Console.WriteLine($"  sweep {sweep} throughput {throughput,3} {kind,-12} {Millions(result.MessagesPerSecond),8} msg/s  " +
                                      $"{result.Elapsed.TotalMilliseconds,8:F0} ms  {Millions(result.MessagesPerCpuSecond),8} msg/CPU-s  GC {result.Cost.Collections}  {result.Cost.AllocatedBytes / 1024,6:N0} KB");
                }
            }
        }

        Console.WriteLine();
        PrintSweepTable(results, throughputs, sweeps);
        PrintSummary(results, throughputs);
        return 0;
    }

    private static void PrintSweepTable(List<PingPongResult> results, int[] throughputs, int sweeps)
    {
        Console.WriteLine(sweeps == 1 ? "Per dispatcher throughput" : $"Per dispatcher throughput (median of {sweeps} sweeps)");
        var table = new SummaryTable("throughput", "ActorBase msg/s", "msg/CPU-s", "ReceiveActor msg/s", "msg/CPU-s", "KB alloc/run", "GCs 0/1/2", "over capacity");
        foreach (int throughput in throughputs)
        {
            PingPongResult[] plain = Of(results, ClientKind.ActorBase, throughput);
            PingPongResult[] typed = Of(results, ClientKind.ReceiveActor, throughput);
            PingPongResult[] both = [.. plain, .. typed];
            table.Add(
                throughput,
                Millions(Median(plain, r => r.MessagesPerSecond)),
                Millions(Median(plain, r => r.MessagesPerCpuSecond)),
                Millions(Median(typed, r => r.MessagesPerSecond)),
                Millions(Median(typed, r => r.MessagesPerCpuSecond)),
                Fixed(both.Max(r => r.Cost.AllocatedBytes) / 1024.0, 0),
                Collections(both),
                both.Sum(r => r.OverCapacity));
        }
        Console.WriteLine(table);
    }

    private static void PrintSummary(List<PingPongResult> results, int[] throughputs)
    {
        Console.WriteLine("Summary (msg/s is wall clock; msg/CPU-s divides by the CPU time the process used, which other load on a shared machine inflates less)");
        var table = new SummaryTable("", "ActorBase", "ReceiveActor", "Akka.NET 1.5.27 (ref)", "goal", "goal met");
        AddSweepRow(table, results, throughputs, "median across the sweep, msg/s", r => r.MessagesPerSecond, "40-42M", MedianGoal);
        AddSweepRow(table, results, throughputs, "median across the sweep, msg/CPU-s", r => r.MessagesPerCpuSecond, "", null);
        if (throughputs.Contains(ReferenceThroughput))
        {
            int[] reference = [ReferenceThroughput];
            AddSweepRow(table, results, reference, $"at throughput {ReferenceThroughput}, msg/s", r => r.MessagesPerSecond, "28-39M", AtReferenceGoal);
            AddSweepRow(table, results, reference, $"at throughput {ReferenceThroughput}, msg/CPU-s", r => r.MessagesPerCpuSecond, "", null);
        }

        PingPongResult[] plain = [.. results.Where(r => r.Kind == ClientKind.ActorBase)];
        PingPongResult[] typed = [.. results.Where(r => r.Kind == ClientKind.ReceiveActor)];
        long worstRun = plain.Concat(typed).Max(r => r.Cost.AllocatedBytes);
        table.Add("allocated B/msg (worst run)", Fixed(plain.Max(r => r.Cost.BytesPer(r.Messages)), 4), Fixed(typed.Max(r => r.Cost.BytesPer(r.Messages)), 4),
            "", "0 per message", Verdict(worstRun < PerRunSetUpBudget));
        table.Add("GCs 0/1/2 (all runs)", Collections(plain), Collections(typed), "", "", "");
        table.Add("Tells over mailbox capacity", plain.Sum(r => r.OverCapacity), typed.Sum(r => r.OverCapacity), "", "0", Verdict(plain.Concat(typed).All(r => r.OverCapacity == 0)));
        Console.WriteLine(table);
        Console.WriteLine($"Allocation counts everything in the timed window: the message object, mailbox rings growing to hold {PingPongRun.InFlight:N0}");
        Console.WriteLine($"messages and the completion tasks, a fixed set-up of about 200 KB per run. The goal is met when no run allocated");
        Console.WriteLine($"more than {PerRunSetUpBudget / 1024:N0} KB: one allocation per 1,000 messages would add about 720 KB to a 30M-message run.");
    }

    private static void AddSweepRow(SummaryTable table, List<PingPongResult> results, int[] throughputs, string label, Func<PingPongResult, double> rate, string reference, double? goal)
    {
        // Median per throughput (over sweeps) first, then the median of those across the sweep.
        double plain = Samples.Median(throughputs.Select(t => Median(Of(results, ClientKind.ActorBase, t), rate)));
        double typed = Samples.Median(throughputs.Select(t => Median(Of(results, ClientKind.ReceiveActor, t), rate)));
        table.Add(label, Millions(plain), Millions(typed), reference,
            goal is { } g ? $">= {Millions(g)}" : "", goal is { } min ? Verdict(Math.Min(plain, typed) >= min) : "");
    }

    private static PingPongResult[] Of(List<PingPongResult> results, ClientKind kind, int throughput) =>
        [.. results.Where(r => r.Kind == kind && r.Throughput == throughput)];

    private static double Median(PingPongResult[] runs, Func<PingPongResult, double> value) => Samples.Median(runs.Select(value));

    private static string Collections(IEnumerable<PingPongResult> runs) =>
        $"{runs.Sum(r => r.Cost.Gen0)}/{runs.Sum(r => r.Cost.Gen1)}/{runs.Sum(r => r.Cost.Gen2)}";

    private static string Verdict(bool met) => met ? "yes" : "NO";
}
