using BenchmarkDotNet.Attributes;
using FlowSense.MarketData.Indicators;

namespace FlowSense.MarketData.Benchmarks.Indicators;

/// <summary>
/// The cost of one update of each indicator, warmed up (steady state), on a synthetic random walk. Each invocation
/// feeds <see cref="Batch"/> consecutive inputs and reports the time per update; the baseline sums the same inputs
/// and nothing else, so each ratio shows the indicator's own cost. Goal: ≤ 20 ns, 0 B.
/// Run: dotnet run -c Release --project benchmarks/FlowSense.MarketData.Benchmarks -- --filter '*IndicatorUpdate*' --job short
/// </summary>
[MemoryDiagnoser]
public class IndicatorUpdateBenchmarks
{
    private const int Count = 4096; // a power of two: the index wraps with a mask
    private const int Mask = Count - 1;
    private const int Batch = 1024;

    private readonly double[] _values = new double[Count];
    private readonly OhlcvBar[] _bars = new OhlcvBar[Count];
    private int _next;

    private readonly SimpleMovingAverage _sma = new(14);
    private readonly ExponentialMovingAverage _ema = new(14);
    private readonly RelativeStrengthIndex _rsiWilder = new(14);
    private readonly RelativeStrengthIndex _rsiSimple = new(14, Smoothing.Simple);
    private readonly MovingAverageConvergenceDivergence _macd = new();
    private readonly BollingerBands _bollinger = new();
    private readonly AverageTrueRange _atr = new();
    private readonly TrueRange _trueRange = new();
    private readonly StochasticRelativeStrengthIndex _stochRsi = new();
    private readonly RollingVwap _vwap = new(50);
    private readonly OnBalanceVolume _obv = new();
    private readonly Variance _variance = new(10);
    private readonly StandardDeviation _stdDev = new(10);
    private readonly LogReturn _logReturn = new(14);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double price = 100;
        for (int i = 0; i < Count; i++)
        {
            double open = price;
            price *= 1 + ((random.NextDouble() - 0.5) * 0.01);
            double high = Math.Max(open, price) * (1 + (random.NextDouble() * 0.002));
            double low = Math.Min(open, price) * (1 - (random.NextDouble() * 0.002));
            _values[i] = price;
            _bars[i] = new OhlcvBar(i, open, high, low, price, 1_000 + random.Next(100_000));
        }
        for (int i = 0; i < Count; i++)
        {
            foreach (IBarIndicator indicator in new IBarIndicator[]
                     { _sma, _ema, _rsiWilder, _rsiSimple, _macd, _bollinger, _atr, _trueRange, _stochRsi, _vwap, _obv, _variance, _stdDev, _logReturn })
            {
                indicator.Update(_bars[i]);
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public double ReadInput()
    {
        double sum = 0;
        for (int i = 0; i < Batch; i++)
            sum += _values[_next++ & Mask];
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double Sma()
    {
        for (int i = 0; i < Batch; i++)
            _sma.Update(_values[_next++ & Mask]);
        return _sma.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double Ema()
    {
        for (int i = 0; i < Batch; i++)
            _ema.Update(_values[_next++ & Mask]);
        return _ema.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double RsiWilder()
    {
        for (int i = 0; i < Batch; i++)
            _rsiWilder.Update(_values[_next++ & Mask]);
        return _rsiWilder.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double RsiSimple()
    {
        for (int i = 0; i < Batch; i++)
            _rsiSimple.Update(_values[_next++ & Mask]);
        return _rsiSimple.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double Macd()
    {
        for (int i = 0; i < Batch; i++)
            _macd.Update(_values[_next++ & Mask]);
        return _macd.Histogram;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double Bollinger()
    {
        for (int i = 0; i < Batch; i++)
            _bollinger.Update(_values[_next++ & Mask]);
        return _bollinger.PercentB;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double AtrWilder()
    {
        for (int i = 0; i < Batch; i++)
            _atr.Update(_bars[_next++ & Mask]);
        return _atr.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double TrueRange()
    {
        for (int i = 0; i < Batch; i++)
            _trueRange.Update(_bars[_next++ & Mask]);
        return _trueRange.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double StochRsi()
    {
        for (int i = 0; i < Batch; i++)
            _stochRsi.Update(_values[_next++ & Mask]);
        return _stochRsi.D;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double RollingVwap()
    {
        for (int i = 0; i < Batch; i++)
            _vwap.Update(_bars[_next++ & Mask]);
        return _vwap.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double Obv()
    {
        for (int i = 0; i < Batch; i++)
            _obv.Update(_bars[_next++ & Mask]);
        return _obv.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double Variance()
    {
        for (int i = 0; i < Batch; i++)
            _variance.Update(_values[_next++ & Mask]);
        return _variance.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double StandardDeviation()
    {
        for (int i = 0; i < Batch; i++)
            _stdDev.Update(_values[_next++ & Mask]);
        return _stdDev.Value;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double LogReturn()
    {
        for (int i = 0; i < Batch; i++)
            _logReturn.Update(_values[_next++ & Mask]);
        return _logReturn.Value;
    }
}
