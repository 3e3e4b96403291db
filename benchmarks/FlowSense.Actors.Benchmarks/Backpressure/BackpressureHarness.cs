using System.Diagnostics;
using FlowSense.Actors.Benchmarks.Harness;
using static FlowSense.Actors.Benchmarks.Harness.SummaryTable;

namespace FlowSense.Actors.Benchmarks.Backpressure;

/// <summary>
/// <c>backpressure</c>: one producer that sends as fast as <see cref="IActorRef.TellAsync"/> lets it into one actor
/// with a small bounded mailbox, so the producer is held back whenever the mailbox is full. Reports msg/s, how
/// often a send had to wait for room, and allocations (a send that waits is the only one that may allocate).
/// </summary>
internal static class BackpressureHarness
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private static readonly object Message = new();

    public static async Task<int> Run(HarnessArgs args)
    {
        long messages = args.Long("messages", 10_000_000);
        int[] capacities = args.IntList("capacities", [100, 1000, 10_000]);
        int repeats = args.Int("runs", 3);
        if (!Usage.RejectUnused(args))
            return 2;

        MachineInfo.Print("back-pressured producer");
        Console.WriteLine($"  1 producer awaiting TellAsync, {messages:N0} messages per run, {repeats} runs per capacity (medians), after a warm-up run");
        Console.WriteLine();

        await Measure(capacities[0], Math.Max(messages / 10, 1000));
        var table = new SummaryTable("mailbox capacity", "msg/s", "msg/CPU-s", "sends that waited", "B/msg", "GCs 0/1/2");
        foreach (int capacity in capacities)
        {
            var runs = new List<ProducerRun>();
            for (int i = 0; i < repeats; i++)
            {
                ProducerRun run = await Measure(capacity, messages);
                runs.Add(run);
                Console.WriteLine($"  capacity {capacity,6}: {Millions(run.MessagesPerSecond),8} msg/s, {Millions(run.Cost.PerCpuSecond(messages)),8} msg/CPU-s, " +
                                  $"{run.Waits:N0} waits, {run.Cost.BytesPer(messages):F3} B/msg, GC {run.Cost.Collections}");
            }
            table.Add(
                capacity,
                Millions(Samples.Median(runs.Select(r => r.MessagesPerSecond))),
                Millions(Samples.Median(runs.Select(r => r.Cost.PerCpuSecond(messages)))),
                $"{Samples.Median(runs.Select(r => 100.0 * r.Waits / messages)):F2}%",
                Fixed(Samples.Median(runs.Select(r => r.Cost.BytesPer(messages))), 3),
                $"{runs.Sum(r => r.Cost.Gen0)}/{runs.Sum(r => r.Cost.Gen1)}/{runs.Sum(r => r.Cost.Gen2)}");
        }
        Console.WriteLine();
        Console.WriteLine("Summary (medians)");
        Console.WriteLine(table);
        return 0;
    }

    private static async Task<ProducerRun> Measure(int capacity, long messages)
    {
        await using ActorSystem system = ActorSystem.Create("backpressure");
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef sink = system.ActorOf(Props.Create(() => new CountingSink(messages, done)).WithMailbox(capacity, MailboxOverflow.Backpressure), "sink");

        CostWindow cost = CostWindow.Open();
        long start = Stopwatch.GetTimestamp();
        long waits = await Task.Run(() => Produce(sink, messages));
        await done.Task.WaitAsync(RunTimeout);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        return new ProducerRun(messages / elapsed.TotalSeconds, waits, cost.Close());
    }

    /// <summary>Sends <paramref name="messages"/> messages, awaiting only the sends that found the mailbox full.</summary>
    private static async Task<long> Produce(IActorRef sink, long messages)
    {
        long waits = 0;
        for (long i = 0; i < messages; i++)
        {
            ValueTask send = sink.TellAsync(Message, null);
            if (!send.IsCompletedSuccessfully)
            {
                waits++;
                await send.ConfigureAwait(false);
            }
        }
        return waits;
    }

    private sealed record ProducerRun(double MessagesPerSecond, long Waits, Cost Cost);
}
