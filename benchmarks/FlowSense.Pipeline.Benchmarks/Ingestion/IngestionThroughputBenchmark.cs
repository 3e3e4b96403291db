using BenchmarkDotNet.Attributes;
using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Benchmarks.Ingestion;

/// <summary>
/// End-to-end ingestion: pre-built batches of 256 events (L2 deltas, every tenth a trade) over N instruments →
/// regroup by instrument → symbol actors, each resolved once through the shard region (book, features, 1s/1m bars, indicators), every
/// slice acknowledged. Per event (OperationsPerInvoke), against the baseline of the same events applied to the same
/// <see cref="SymbolState"/>s directly on one thread: the difference is what the actor path costs. Goal: 2M events/s
/// end to end on 2 cores (500 ns/event), nothing allocated per event.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class IngestionThroughputBenchmark
{
    private const int Events = 204_800;
    private const int BatchSize = 256;

    private ActorSystem _system = null!;
    private SymbolShards _shards = null!;
    private SymbolCatalog _catalog = null!;
    private EventBatch[] _batches = null!;
    private Dictionary<InstrumentId, SymbolState> _states = null!;

    [Params(10, 1_000)]
    public int Instruments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalog = new SymbolCatalog().AddVenue("BENCH", id => new SymbolSettings(new Instrument(id, 2, 1, 0), BookType.L2));
        _system = ActorSystem.Create("bench");
        _shards = SymbolShards.Start(_system, _catalog, new ShardingOptions { ShardCount = 256 });
        var ids = Enumerable.Range(0, Instruments).Select(i => new InstrumentId("BENCH", "S" + i)).ToArray();
        _batches = new EventBatch[Events / BatchSize];
        for (int b = 0; b < _batches.Length; b++)
        {
            var events = new MarketEvent[BatchSize];
            for (int i = 0; i < BatchSize; i++)
                events[i] = Synthetic(b * BatchSize + i, ids);
            _batches[b] = new EventBatch(events, BatchSize);
        }
        _states = ids.ToDictionary(id => id, id => { _catalog.TryResolve(id, out var s); return new SymbolState(s); });
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long SymbolStatesDirect()
    {
        long applied = 0;
        foreach (var batch in _batches)
        {
            foreach (ref readonly var e in batch.Events)
                applied += _states[e.Header.Instrument].Apply(e) == EventOutcome.Applied ? 1 : 0;
        }
        return applied;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Pipeline()
    {
        var run = IngestionPipeline.Run(Source.From(_batches), _shards, new IngestionOptions { Name = "bench", MaxBatchesInFlight = 16 });
        return run.Completion.GetAwaiter().GetResult().Applied;
    }

    /// <summary>Unsequenced events (so every iteration applies them all): prices wander around 100.00 per instrument.</summary>
    private static MarketEvent Synthetic(int n, InstrumentId[] ids)
    {
        var id = ids[n % ids.Length];
        long t = 1_700_000_000_000_000_000L + n * 1_000_000L;
        var header = new EventHeader(id, t, t, 0);
        if (n % 10 == 0)
            return MarketEvent.From(new Trade(header, 10_000 + (n % 7), 1 + (n % 5), (n & 1) == 0 ? Aggressor.Buyer : Aggressor.Seller));
        var side = (n & 1) == 0 ? Side.Bid : Side.Ask;
        long price = side == Side.Bid ? 9_990 - (n % 10) : 10_010 + (n % 10);
        return MarketEvent.From(new BookDelta(header, side, price, 100 + (n % 50), BookAction.Add));
    }
}
