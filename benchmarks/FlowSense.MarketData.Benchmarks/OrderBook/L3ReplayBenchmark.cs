using BenchmarkDotNet.Attributes;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.MarketData.Benchmarks.OrderBook;

/// <summary>
/// An L3 book replaying the LOBSTER AAPL message stream (pre-parsed, so only the book is measured): each invocation
/// seeds the book from the first orderbook row and applies the 937 book events after it. Goal: 15M events/s on one core.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class L3ReplayBenchmark
{
    private LobsterReplay _replay = null!;
    private L3Book _book = null!;

    [GlobalSetup]
    public void Setup()
    {
        _replay = LobsterReplay.Load();
        _book = new L3Book(new InstrumentId("NASDAQ", "AAPL"));
        Replay(); // grow the pools once: the measured replays run in steady state
    }

    /// <summary>One replay of the whole stream; the per-operation time is per event.</summary>
    [Benchmark(OperationsPerInvoke = LobsterReplay.BookEventCount)]
    public long Replay()
    {
        L3Book book = _book;
        book.LoadSnapshot(_replay.SeedBids, _replay.SeedAsks, sequence: 1);
        OrderEvent[] orders = _replay.Orders;
        long touch = 0;
        for (int i = 0; i < orders.Length; i++)
            touch += (long)book.Apply(orders[i]);
        return touch + book.BestBid.Price + book.BestAsk.Price;
    }
}
