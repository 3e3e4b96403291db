using BenchmarkDotNet.Attributes;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Lobster;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Benchmarks.Replay;

/// <summary>
/// The replay sources at full speed, as a stream source of <see cref="EventBatch"/>es: synthetic ITCH (the RITCH
/// sample over 999 symbols) and synthetic LOBSTER (the AAPL sample), each ~300k events per operation, into a sink that
/// counts and, when <see cref="Recycle"/> is on, recycles every batch. Times and allocations are per event
/// (OperationsPerInvoke is the event count); <see cref="Stamped"/> replays with a receive clock, as the pipeline bench
/// does. <see cref="Generate"/> reads the synthetic bytes alone: the part of
/// <see cref="Replay"/> that is the generator rather than the codec.
/// </summary>
[MemoryDiagnoser]
public class ReplayThroughputBenchmark
{
    private const int ItchPasses = 20;
    private const int LobsterPasses = 264;
    private const int EventsPerOperation = 300_000; // close to both sources' real count; see OperationsPerInvoke below

    private SyntheticItch _itch = null!;
    private SyntheticLobster _lobster = null!;
    private readonly byte[] _readBuffer = new byte[1 << 16];

    [Params("itch", "lobster")]
    public string Source { get; set; } = "itch";

    [Params(false, true)]
    public bool Recycle { get; set; }

    /// <summary>With a receive clock, as a load harness replays (each chunk of decoded events stamped with "now").</summary>
    [Params(false, true)]
    public bool Stamped { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string data = Path.Combine(RepositoryRoot.Find(), "..", "shared", "data");
        _itch = SyntheticItch.FromSample(Path.Combine(data, "itch", "ex20101224.TEST_ITCH_50"), new DateOnly(2010, 12, 24), symbols: 1_000);
        _lobster = SyntheticLobster.FromSample(Path.Combine(data, "lobster", "AAPL_2012-06-21_34200000_57600000_message_10.csv"),
            new LobsterSession(new InstrumentId("NASDAQ", "AAPL"), new DateOnly(2012, 6, 21)));
        long events = Source == "itch" ? _itch.EventsPerPass * ItchPasses : _lobster.EventsPerPass * LobsterPasses;
        // OperationsPerInvoke must be a constant; the passes are chosen so each source is within 2% of it.
        if (Math.Abs(events - EventsPerOperation) > EventsPerOperation / 50)
            throw new InvalidOperationException($"{Source}: {events} events per operation, not about {EventsPerOperation}.");
    }

    [Benchmark(OperationsPerInvoke = EventsPerOperation)]
    public async Task<long> Replay()
    {
        var options = new ReplayOptions { ReceiveClock = Stamped ? StopwatchNs : null };
        var replay = Source == "itch" ? _itch.Replay(ItchPasses, options) : _lobster.Replay(LobsterPasses, options);
        bool recycle = Recycle;
        long events = 0;
        await replay.Source.RunWith(Sink.ForEach<EventBatch>(batch =>
        {
            events += batch.Count;
            if (recycle)
                batch.Recycle();
        })).Completion.ConfigureAwait(false);
        return events;
    }

    private static long StopwatchNs() => (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (1e9 / System.Diagnostics.Stopwatch.Frequency));

    [Benchmark(OperationsPerInvoke = EventsPerOperation)]
    public long Generate()
    {
        using var stream = Source == "itch" ? _itch.Open(ItchPasses) : _lobster.Open(LobsterPasses);
        long bytes = 0;
        for (int n; (n = stream.Read(_readBuffer)) > 0;)
            bytes += n;
        return bytes;
    }
}
