using System.Diagnostics;
using FlowSense.Actors;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Benchmarks.Pipeline;

/// <summary>
/// The ingestion graph of DESIGN.md §4 with its real stages: synthetic order events over 4,000 symbols → Select
/// (route by symbol hash) → Sink.Partition into 1,000 outputs → GroupedWithin(batch, 100 ms) → ActorSink.WithAck into
/// one acknowledging actor per partition. Measured with batch 1 and 256: events/s by the wall clock and per CPU
/// second, GC bytes allocated per event, and the mean batch the actors actually received. Also the ITCH file replay
/// alone (ReplaySource → Sink.Ignore). The machine is shared, so each figure is the median of several runs.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/FlowSense.Feeds.Benchmarks -- pipeline [runs] [itch-file]</c></remarks>
internal static class PipelineHarness
{
    private const int Partitions = 1_000;
    private const int Symbols = 4_000;

    public static async Task<int> Run(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
        string? itch = args.Length > 1 ? args[1] : null;
        Console.WriteLine($"partitions {Partitions}, symbols {Symbols}, runs {runs} (median; min..max), {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"graph",-28} {"events",10} {"events/s",12} {"events/cpu-s",13} {"B/event",9} {"mean batch",11}");

        await Report("partition+ack batch 1", runs, () => Graph(batch: 1, events: 100_000));
        await Report("partition+ack batch 256", runs, () => Graph(batch: 256, events: 2_000_000));
        if (itch is not null)
            await Report("ITCH replay (x20) → ignore", runs, () => ItchReplay(itch, times: 20));
        return 0;
    }

    private static async Task Report(string name, int runs, Func<Task<(long Events, double MeanBatch)>> run)
    {
        await Measure(run); // warm-up: JIT, thread pool growth
        var samples = new List<Sample>();
        for (int i = 0; i < runs; i++)
            samples.Add(await Measure(run));
        Console.WriteLine($"{name,-28} {samples[0].Events,10:N0} {Median(samples.Select(s => s.PerSecond)),12:N0} {Median(samples.Select(s => s.PerCpuSecond)),13:N0} " +
                          $"{Median(samples.Select(s => s.BytesPerEvent)),9:N1} {Median(samples.Select(s => s.MeanBatch)),11:N1}");
        Console.WriteLine($"{"",-28} {"",10} {samples.Min(s => s.PerSecond),12:N0}..{samples.Max(s => s.PerSecond):N0} events/s");
    }

    private static async Task<Sample> Measure(Func<Task<(long Events, double MeanBatch)>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        long bytes0 = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var (events, meanBatch) = await run();
        clock.Stop();
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes0;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        return new Sample(events, events / clock.Elapsed.TotalSeconds, events / cpu.TotalSeconds, (double)bytes / events, meanBatch);
    }

    private static async Task<(long, double)> Graph(int batch, int events)
    {
        await using var system = ActorSystem.Create("pipeline");
        var counts = new long[Partitions];
        var batches = new long[Partitions];
        var actors = new IActorRef[Partitions];
        for (int i = 0; i < Partitions; i++)
        {
            int index = i;
            actors[i] = system.ActorOf(Props.Create(() => new AckingActor(counts, batches, index)), $"partition-{i}");
        }
        var instruments = Enumerable.Range(0, Symbols).Select(i => new InstrumentId("SYNTH", $"S{i:D4}")).ToArray();

        await Source.From(Synthetic(events, instruments))
            .Select(e => new RoutedEvent(PartitionOf(e.Header.Instrument.Symbol), e))
            .RunWith(Sink.Partition(Partitions, r => r.Partition,
                i => Flow.Create<RoutedEvent>().GroupedWithin(batch, TimeSpan.FromMilliseconds(100))
                    .To(ActorSink.WithAck<IReadOnlyList<RoutedEvent>>(actors[i], ackTimeout: TimeSpan.FromSeconds(30)))))
            .Completion.ConfigureAwait(false);

        long received = counts.Sum();
        if (received != events)
            throw new InvalidOperationException($"The actors received {received} of {events} events.");
        return (events, (double)received / batches.Sum());
    }

    private static async Task<(long, double)> ItchReplay(string path, int times)
    {
        long events = 0, batches = 0;
        for (int i = 0; i < times; i++)
        {
            var replay = ReplaySource.Itch(path, new DateOnly(2010, 12, 24));
            batches += await replay.Source.RunWith(Sink.Ignore<EventBatch>()).Completion.ConfigureAwait(false);
            events += replay.Counters.Snapshot().Events;
        }
        return (events, (double)events / batches);
    }

    /// <summary>Order adds cycling over the symbols; generated lazily, so the source allocates nothing per event.</summary>
    private static IEnumerable<MarketEvent> Synthetic(int count, InstrumentId[] instruments)
    {
        for (int i = 0; i < count; i++)
        {
            var header = new EventHeader(instruments[i % instruments.Length], i, i, i);
            yield return MarketEvent.From(new OrderEvent(header, OrderAction.Add, i, (i & 1) == 0 ? Side.Bid : Side.Ask, 1_000_000 + (i % 100), 100));
        }
    }

    /// <summary>FNV-1a of the symbol: stable across processes, unlike string.GetHashCode.</summary>
    private static int PartitionOf(string symbol)
    {
        uint hash = 2166136261;
        foreach (char c in symbol)
            hash = (hash ^ c) * 16777619;
        return (int)(hash % Partitions);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[(sorted.Length - 1) / 2];
    }

    private readonly record struct Sample(long Events, double PerSecond, double PerCpuSecond, double BytesPerEvent, double MeanBatch);
}
