using BenchmarkDotNet.Attributes;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.MarketData.Benchmarks.OrderBook;

/// <summary>
/// L2 delta application followed by a best bid/ask read, over the 937 deltas the LOBSTER AAPL replay produces.
/// Goal: 30M deltas/s, 0 B/op. The baseline is the textbook alternative, one SortedDictionary per side.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class L2DeltaBenchmark
{
    private LobsterReplay _replay = null!;
    private L2Book _book = null!;
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();

    [GlobalSetup]
    public void Setup()
    {
        _replay = LobsterReplay.Load();
        _book = new L2Book(new InstrumentId("NASDAQ", "AAPL"));
    }

    [Benchmark(OperationsPerInvoke = LobsterReplay.BookEventCount)]
    public long L2Book()
    {
        L2Book book = _book;
        book.LoadSnapshot(_replay.SeedBids, _replay.SeedAsks, sequence: 1);
        BookDelta[] deltas = _replay.Deltas;
        long touch = 0;
        for (int i = 0; i < deltas.Length; i++)
        {
            book.Apply(deltas[i]);
            touch += book.BestBid.Price - book.BestAsk.Price;
        }
        return touch;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = LobsterReplay.BookEventCount)]
    public long SortedDictionaryPerSide()
    {
        Seed(_bids, _replay.SeedBids);
        Seed(_asks, _replay.SeedAsks);
        BookDelta[] deltas = _replay.Deltas;
        long touch = 0;
        for (int i = 0; i < deltas.Length; i++)
        {
            ref readonly BookDelta d = ref deltas[i];
            SortedDictionary<long, long> side = d.Side == Side.Bid ? _bids : _asks;
            if (d.Action == BookAction.Delete)
                side.Remove(d.Price);
            else
                side[d.Price] = d.Size;
            touch += First(_bids) - First(_asks);
        }
        return touch;
    }

    private static void Seed(SortedDictionary<long, long> side, Level[] levels)
    {
        side.Clear();
        foreach (Level level in levels)
            side[level.Price] = level.Size;
    }

    private static long First(SortedDictionary<long, long> side)
    {
        foreach (KeyValuePair<long, long> level in side)
            return level.Key;
        return 0;
    }
}
