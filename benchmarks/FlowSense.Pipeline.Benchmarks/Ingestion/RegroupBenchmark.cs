using BenchmarkDotNet.Attributes;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Itch;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;
using FlowSense.Testing;

namespace FlowSense.Pipeline.Benchmarks.Ingestion;

/// <summary>
/// The ingestion loop's regrouping alone (<see cref="ShardRouter.Regroup"/>): decoded synthetic ITCH over 999 symbols,
/// interleaved message by message as `flowsense bench pipeline` feeds it, cut into source batches of
/// <see cref="BatchSize"/> events (16: a paced tick at low rates; 256: the default batch) and regrouped into a reused
/// buffer. Per event (OperationsPerInvoke): the route lookup, the counting sort and the two copies of each event.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RegroupBenchmark
{
    private const int Events = 60_000;

    private MarketEvent[] _events = null!;
    private ShardRouter _router = null!;
    private SliceBuffer _buffer = null!;

    [Params(16, 256)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var synthetic = SyntheticItch.FromSample(SharedData.File("itch", "ex20101224.TEST_ITCH_50"), new DateOnly(2010, 12, 24), symbols: 1_000);
        var batches = synthetic.Replay(Events / synthetic.EventsPerPass + 1).Source.RunWith(Sink.ToList<EventBatch>()).Completion.GetAwaiter().GetResult();
        _events = [.. batches.SelectMany(b => b.Events.ToArray()).Take(Events)];
        var catalog = new SymbolCatalog().AddVenue(ItchEventTranslator.Venue, id => new SymbolSettings(
            new Instrument(id, ItchEventTranslator.PriceDecimals, TickSize: 100, SizeDecimals: 0), BookType.L3));
        _router = new ShardRouter(catalog);
        _buffer = new SliceBuffer(BatchSize);
        Regroup(); // every symbol's route made once, as in a running pipeline
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Regroup()
    {
        int routed = 0;
        for (int start = 0; start < _events.Length; start += BatchSize)
        {
            var batch = _events.AsSpan(start, Math.Min(BatchSize, _events.Length - start));
            routed += _router.Regroup(batch, _buffer, start + 1);
        }
        return routed;
    }
}
