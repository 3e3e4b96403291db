using BenchmarkDotNet.Attributes;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Benchmarks.Features;

/// <summary>
/// The cost of one full feature update per book event: 10 levels (top-of-book features from level 1, multi-level OFI
/// and depth imbalance from all) plus, on every 8th event, a trade (Lee–Ready, effective/realized spread, VPIN,
/// Kyle's lambda, intensities, Hawkes). Each invocation replays a pre-built tape of 512 events (small enough to stay
/// in cache, as a symbol's own book would), 4000 events a second,
/// so the figure is the mean per event in steady state (clock windows full); time keeps moving forward across
/// invocations. Like an L2 feed, most events change one level's size; one in ten shifts the whole book a tick.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FeatureUpdateBenchmarks
{
    private const int Events = 512;
    private const int Levels = 10;
    private const int TradeEvery = 8;
    private const long StepNs = 250_000;

    private readonly long[] _bidPrices = new long[Events * Levels];
    private readonly long[] _bidSizes = new long[Events * Levels];
    private readonly long[] _askPrices = new long[Events * Levels];
    private readonly long[] _askSizes = new long[Events * Levels];
    private readonly Trade[] _trades = new Trade[Events];
    private MicrostructureFeatures _features = null!;
    private OrderFlowImbalance _ofi = null!;
    private long _baseTimeNs;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var header = new EventHeader(new InstrumentId("BENCH", "XYZ"), 0, 0, 0);
        long bestBid = 100_000;
        long spread = 1;
        for (int m = 0; m < Levels; m++)
        {
            _bidSizes[m] = random.Next(1, 500);
            _askSizes[m] = random.Next(1, 500);
        }
        for (int e = 0; e < Events; e++)
        {
            if (e > 0)
                Array.Copy(_bidSizes, (e - 1) * Levels, _bidSizes, e * Levels, Levels);
            if (e > 0)
                Array.Copy(_askSizes, (e - 1) * Levels, _askSizes, e * Levels, Levels);
            if (random.Next(10) == 0)
            {
                bestBid += random.Next(2) == 0 ? -1 : 1;
                spread = random.Next(1, 3);
            }
            else
            {
                long[] sizes = random.Next(2) == 0 ? _bidSizes : _askSizes;
                sizes[e * Levels + random.Next(Levels)] = random.Next(1, 500);
            }
            for (int m = 0; m < Levels; m++)
            {
                _bidPrices[e * Levels + m] = bestBid - m;
                _askPrices[e * Levels + m] = bestBid + spread + m;
            }
            bool buy = random.Next(2) == 0;
            _trades[e] = new Trade(header, buy ? bestBid + spread : bestBid, random.Next(1, 300),
                random.Next(4) == 0 ? Aggressor.Unknown : buy ? Aggressor.Buyer : Aggressor.Seller);
        }
        _ofi = new OrderFlowImbalance(eventWindow: 100, clockWindowNs: 1_000_000_000, clockCapacity: 4096);
        _features = new MicrostructureFeatures(new MicrostructureFeaturesOptions
        {
            Hawkes = new HawkesParameters(Baseline: 1.0, Jump: 0.5, Decay: 2.0),
        });
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public MicrostructureFeatures LevelsAndTrades()
    {
        MicrostructureFeatures features = _features;
        long baseTime = NextTapeStart();
        for (int e = 0; e < Events; e++)
        {
            long time = baseTime + e * StepNs;
            int from = e * Levels;
            features.OnLevels(time, new LevelView(
                _bidPrices.AsSpan(from, Levels), _bidSizes.AsSpan(from, Levels),
                _askPrices.AsSpan(from, Levels), _askSizes.AsSpan(from, Levels)));
            if (e % TradeEvery == 0)
            {
                ref readonly Trade trade = ref _trades[e];
                features.OnTrade(trade with { Header = trade.Header with { ExchangeTimeNs = time + 1 } });
            }
        }
        return features;
    }

    /// <summary>The floor: level-1 OFI alone on the same tape, to read the others as ratios on a shared machine.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long Level1OfiOnly()
    {
        OrderFlowImbalance ofi = _ofi;
        long baseTime = NextTapeStart();
        for (int e = 0; e < Events; e++)
            ofi.Update(baseTime + e * StepNs, BestAt(e));
        return ofi.OverClock;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public MicrostructureFeatures TopOfBookOnly()
    {
        MicrostructureFeatures features = _features;
        long baseTime = NextTapeStart();
        for (int e = 0; e < Events; e++)
            features.OnTopOfBook(baseTime + e * StepNs, BestAt(e));
        return features;
    }

    [Benchmark]
    public FeatureSnapshot Snapshot() => _features.Snapshot();

    /// <summary>The start time of this replay; replays follow each other so time never goes back.</summary>
    private long NextTapeStart()
    {
        long start = _baseTimeNs;
        _baseTimeNs = start + Events * StepNs;
        return start;
    }

    private TopOfBook BestAt(int e)
    {
        int i = e * Levels;
        return new TopOfBook(_bidPrices[i], _bidSizes[i], _askPrices[i], _askSizes[i]);
    }
}
