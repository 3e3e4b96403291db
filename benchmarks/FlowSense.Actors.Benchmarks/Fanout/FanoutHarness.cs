using System.Diagnostics;
using FlowSense.Actors.Benchmarks.Harness;
using static FlowSense.Actors.Benchmarks.Harness.SummaryTable;

namespace FlowSense.Actors.Benchmarks.Fanout;

/// <summary>
/// <c>fanout</c>: bursts of one message each to many idle actors, as a paced market-data source sends one slice to
/// each symbol it has events for, then a pause in which the actors go idle. Runs the same bursts on the thread-pool
/// dispatcher and on the lanes, and reports per dispatcher the CPU time per message, context switches per burst and
/// the send-to-handled latency.
/// </summary>
internal static class FanoutHarness
{
    public static async Task<int> Run(HarnessArgs args)
    {
        int actors = args.Int("actors", 1_000, min: 1);
        int burst = args.Int("burst", 200, min: 1);
        int bursts = args.Int("bursts", 5_000, min: 10);
        if (!Usage.RejectUnused(args))
            return 2;

        MachineInfo.Print("Fan-out bursts");
        Console.WriteLine($"  {actors:N0} actors; {bursts:N0} bursts of {burst:N0} messages (each to the next actor round-robin), " +
            "1 ms pause after each burst is handled; latency = Tell to the actor's receive");
        Console.WriteLine();

        var table = new SummaryTable("Fan-out bursts", "thread pool (default)", "lanes");
        var results = new List<FanoutResult>();
        foreach (string dispatcher in new[] { Dispatchers.DefaultId, Dispatchers.LanesId })
            results.Add(await Measure(dispatcher, actors, burst, bursts));
        void Row(string label, Func<FanoutResult, string> cell) => table.Add([label, .. results.Select(cell)]);
        Row("CPU time per message, ns", r => Fixed(r.CpuNsPerMessage, 0));
        Row("context switches per burst", r => Fixed(r.SwitchesPerBurst, 1));
        foreach (double percent in (double[])[50, 99, 99.9])
            Row($"p{percent} latency, µs", r => Fixed(Samples.Percentile(r.LatenciesMicros, percent), 1));
        Row("allocated B per message", r => Fixed(r.BytesPerMessage, 1));
        Console.WriteLine(table);
        return 0;
    }

    private static async Task<FanoutResult> Measure(string dispatcher, int actorCount, int burst, int bursts)
    {
        await using ActorSystem system = ActorSystem.Create("fanout");
        var done = new BurstCountdown();
        var actors = new IActorRef[actorCount];
        var messages = new Stamp[actorCount];
        for (int i = 0; i < actorCount; i++)
        {
            actors[i] = system.ActorOf(Props.Create(() => new Receiver(done)).WithDispatcher(dispatcher));
            messages[i] = new Stamp();
        }

        int warmUp = bursts / 10;
        var latencies = new double[bursts * burst];
        var sender = new Thread(() => Send(actors, messages, done, burst, warmUp, 0, null)) { Name = "fanout-warm-up" };
        sender.Start();
        sender.Join();

        long switches = ContextSwitches();
        CostWindow cost = CostWindow.Open();
        sender = new Thread(() => Send(actors, messages, done, burst, bursts, warmUp * burst, latencies)) { Name = "fanout-sender" };
        sender.Start();
        sender.Join();
        Cost spent = cost.Close();
        long messagesSent = (long)bursts * burst;
        return new FanoutResult(spent.CpuTime.TotalNanoseconds / messagesSent, (double)(ContextSwitches() - switches) / bursts,
            spent.BytesPer(messagesSent), latencies);
    }

    /// <summary>One burst after another: Tell each message, wait until all are handled, pause 1 ms.</summary>
    private static void Send(IActorRef[] actors, Stamp[] messages, BurstCountdown done, int burst, int bursts, int firstActor, double[]? latencies)
    {
        int next = firstActor % actors.Length;
        for (int b = 0; b < bursts; b++)
        {
            done.Expect(burst);
            int start = next;
            for (int i = 0; i < burst; i++)
            {
                int a = (start + i) % actors.Length;
                messages[a].SentAt = Stopwatch.GetTimestamp();
                actors[a].Tell(messages[a], ActorRefs.NoSender);
            }
            done.Wait();
            if (latencies is not null)
            {
                for (int i = 0; i < burst; i++)
                {
                    Stamp m = messages[(start + i) % actors.Length];
                    latencies[b * burst + i] = Stopwatch.GetElapsedTime(m.SentAt, m.ReceivedAt).TotalMicroseconds;
                }
            }
            next = (start + burst) % actors.Length;
            Thread.Sleep(1);
        }
    }

    /// <summary>Voluntary and involuntary context switches of every thread of this process so far (Linux; 0 elsewhere).</summary>
    private static long ContextSwitches()
    {
        const string Tasks = "/proc/self/task";
        if (!Directory.Exists(Tasks))
            return 0;
        long total = 0;
        foreach (string task in Directory.EnumerateDirectories(Tasks))
        {
            try
            {
                foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        total += long.Parse(line[(line.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // the thread ended while we read
            }
        }
        return total;
    }

    private sealed record FanoutResult(double CpuNsPerMessage, double SwitchesPerBurst, double BytesPerMessage, double[] LatenciesMicros);

    /// <summary>A reused message: the sender stamps it, the receiver stamps it again.</summary>
    private sealed class Stamp
    {
        public long SentAt;
        public long ReceivedAt;
    }

    private sealed class Receiver(BurstCountdown done) : ActorBase
    {
        protected override bool Receive(object message)
        {
            ((Stamp)message).ReceivedAt = Stopwatch.GetTimestamp();
            done.Signal();
            return true;
        }
    }

    /// <summary>Counts a burst's handled messages down; the sender blocks until it reaches zero.</summary>
    private sealed class BurstCountdown
    {
        private readonly ManualResetEventSlim _zero = new();
        private int _left;

        public void Expect(int count)
        {
            _zero.Reset();
            Volatile.Write(ref _left, count);
        }

        public void Signal()
        {
            if (Interlocked.Decrement(ref _left) == 0)
                _zero.Set();
        }

        public void Wait() => _zero.Wait();
    }
}
