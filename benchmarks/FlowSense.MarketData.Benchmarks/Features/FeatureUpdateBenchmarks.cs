using BenchmarkDotNet.Attributes;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Benchmarks.Features;

/// <summary>
/// The cost of one full feature update per book event: 10 levels (top-of-book features from level 1, multi-level OFI
/// and depth imbalance from all) plus, on every 8th event, a trade (Lee–Ready, effective/realized spread, VPIN,
/// Kyle's lambda, intensities, Hawkes). Each invocation replays a pre-built random-walk tape, so the figure is the
/// mean per event in steady state; time keeps moving forward across invocations.
/// </summary>
[MemoryDiagnoser]
public class FeatureUpdateBenchmarks
{
    private const int Events = 4096;
    private const int Levels = 10;
    private const int TradeEvery = 8;
    private const long StepNs = 250_000;

    private readonly long[] _bidPrices = new long[Events * Levels];
    private readonly long[] _bidSizes = new long[Events * Levels];
    private readonly long[] _askPrices = new long[Events * Levels];
    private readonly long[] _askSizes = new long[Events * Levels];
    private readonly Trade[] _trades = new Trade[Events];
    private MicrostructureFeatures _features = null!;
    private long _baseTimeNs;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var header = new EventHeader(new InstrumentId("BENCH", "XYZ"), 0, 0, 0);
        long bestBid = 100_000;
        for (int e = 0; e < Events; e++)
        {
            bestBid += random.Next(-1, 2);
            long spread = random.Next(1, 3);
            for (int m = 0; m < Levels; m++)
            {
                int i = e * Levels + m;
                _bidPrices[i] = bestBid - m;
                _askPrices[i] = bestBid + spread + m;
                _bidSizes[i] = random.Next(1, 500);
                _askSizes[i] = random.Next(1, 500);
            }
            bool buy = random.Next(2) == 0;
            _trades[e] = new Trade(header, buy ? bestBid + spread : bestBid, random.Next(1, 300),
                random.Next(4) == 0 ? Aggressor.Unknown : buy ? Aggressor.Buyer : Aggressor.Seller);
        }
        _features = new MicrostructureFeatures(new MicrostructureFeaturesOptions
        {
            Hawkes = new HawkesParameters(Baseline: 1.0, Jump: 0.5, Decay: 2.0),
        });
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public MicrostructureFeatures LevelsAndTrades()
    {
        MicrostructureFeatures features = _features;
        long baseTime = _baseTimeNs;
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
        _baseTimeNs = baseTime + Events * StepNs;
        return features;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public MicrostructureFeatures TopOfBookOnly()
    {
        MicrostructureFeatures features = _features;
        long baseTime = _baseTimeNs;
        for (int e = 0; e < Events; e++)
        {
            int i = e * Levels;
            features.OnTopOfBook(baseTime + e * StepNs, new TopOfBook(_bidPrices[i], _bidSizes[i], _askPrices[i], _askSizes[i]));
        }
        _baseTimeNs = baseTime + Events * StepNs;
        return features;
    }

    [Benchmark]
    public FeatureSnapshot Snapshot() => _features.Snapshot();
}
