using System.Diagnostics;
using FlowSense.Actors.Benchmarks.Harness;
using static FlowSense.Actors.Benchmarks.Harness.SummaryTable;

namespace FlowSense.Actors.Benchmarks.Memory;

/// <summary>
/// <c>memory</c>: retained bytes per idle actor: <c>GC.GetTotalMemory(true)</c> after starting N top-level actors
/// minus before, divided by N (as Akka.NET's ActorMemoryFootprintBenchmark spawns top-level actors). Measured
/// right after start (mailbox never used) and after one message each (mailbox ring allocated).
/// </summary>
internal static class IdleActorMemoryHarness
{
    private const double GoalBytes = 300;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<int> Run(HarnessArgs args)
    {
        int actors = args.Int("actors", 1_000_000, min: 1000);
        if (!Usage.RejectUnused(args))
            return 2;

        MachineInfo.Print("idle actor memory");
        Console.WriteLine($"  {actors:N0} top-level actors per variant, each in a fresh system; retained = GC.GetTotalMemory(true) delta / actors");
        Console.WriteLine("  (includes the actor object, its cell, reference, path, generated name and the guardian's entry for it)");
        Console.WriteLine();

        var table = new SummaryTable("variant", "retained B/actor", "goal", "goal met", "actors started/s", "terminate all, s");
        foreach (bool receiveActor in (bool[])[false, true])
        {
            Footprint footprint = await Measure(actors, receiveActor);
            string name = receiveActor ? "ReceiveActor (1 handler)" : "UntypedActor";
            table.Add($"{name}, never messaged", Fixed(footprint.Idle, 0), $"<= {GoalBytes:0}", Verdict(footprint.Idle), Millions(footprint.StartedPerSecond), "");
            table.Add($"{name}, after one message", Fixed(footprint.Touched, 0), $"<= {GoalBytes:0}", Verdict(footprint.Touched), "", Fixed(footprint.Terminate.TotalSeconds, 2));
        }
        Console.WriteLine(table);
        return 0;
    }

    private static async Task<Footprint> Measure(int count, bool receiveActor)
    {
        var refs = new IActorRef[count];
        using var arrivals = new CountdownEvent(count);
        ActorSystem system = ActorSystem.Create("memory");
        Props props = receiveActor
            ? Props.Create(() => new IdleReceiveActor(arrivals))
            : Props.Create(() => new IdleUntypedActor(arrivals));
        long before = GC.GetTotalMemory(forceFullCollection: true);

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
            refs[i] = system.ActorOf(props);
        Await(arrivals);
        double startedPerSecond = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
        long idle = GC.GetTotalMemory(forceFullCollection: true);

        arrivals.Reset();
        foreach (IActorRef actor in refs)
            actor.Tell(Touch.Instance, null);
        Await(arrivals);
        long touched = GC.GetTotalMemory(forceFullCollection: true);

        long stop = Stopwatch.GetTimestamp();
        await system.Terminate().WaitAsync(Timeout);
        TimeSpan terminate = Stopwatch.GetElapsedTime(stop);
        GC.KeepAlive(refs);
        return new Footprint((idle - before) / (double)count, (touched - before) / (double)count, startedPerSecond, terminate);
    }

    private static void Await(CountdownEvent arrivals)
    {
        if (!arrivals.Wait(Timeout))
            throw new TimeoutException($"{arrivals.CurrentCount:N0} actors did not start or answer within {Timeout}.");
    }

    private static string Verdict(double bytes) => bytes <= GoalBytes ? "yes" : "NO";

    private sealed record Footprint(double Idle, double Touched, double StartedPerSecond, TimeSpan Terminate);
}
