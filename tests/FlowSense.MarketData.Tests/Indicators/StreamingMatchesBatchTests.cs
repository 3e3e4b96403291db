using FlowSense.MarketData.Indicators;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Indicators;

/// <summary>
/// Each windowed indicator, fed one value at a time, equals the same statistic recomputed from scratch over the
/// last n inputs, for random series (prices near 100 to 10,000, so running sums would drift if they were naive).
/// </summary>
public sealed class StreamingMatchesBatchTests
{
    private static Arbitrary<(double[] Series, int Period)> SeriesAndPeriod()
    {
        Gen<double> price = Gen.Choose(100_000, 10_000_000).Select(x => x / 1000.0);
        return (from period in Gen.Choose(1, 30)
                from series in Gen.ArrayOf(price)
                select (series, period)).ToArbitrary();
    }

    private static Arbitrary<(OhlcvBar[] Bars, int Period)> BarsAndPeriod()
    {
        Gen<OhlcvBar> bar =
            from close in Gen.Choose(10_000, 20_000)
            from up in Gen.Choose(0, 500)
            from down in Gen.Choose(0, 500)
            from open in Gen.Choose(-down, up)
            from volume in Gen.Choose(0, 1_000_000)
            select new OhlcvBar(0, (close + open) / 100.0, (close + up) / 100.0, (close - down) / 100.0, close / 100.0, volume);
        return (from period in Gen.Choose(1, 30)
                from bars in Gen.ArrayOf(bar)
                select (bars, period)).ToArbitrary();
    }

    private static bool Close(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));

    private static void StreamingEqualsBatch(Func<int, ValueIndicator> create, Func<ArraySegment<double>, double> batch, int warmUpExtra = 0)
    {
        Prop.ForAll(SeriesAndPeriod(), input =>
        {
            (double[] series, int period) = input;
            ValueIndicator indicator = create(period);
            for (int i = 0; i < series.Length; i++)
            {
                indicator.Update(series[i]);
                int window = period + warmUpExtra;
                bool shouldBeReady = i + 1 >= window;
                if (indicator.IsReady != shouldBeReady)
                    return false;
                if (shouldBeReady && !Close(indicator.Value, batch(new ArraySegment<double>(series, i + 1 - window, window))))
                    return false;
                if (!shouldBeReady && !double.IsNaN(indicator.Value))
                    return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static double PopulationVariance(ArraySegment<double> w)
    {
        double mean = w.Average();
        return w.Sum(x => (x - mean) * (x - mean)) / w.Count;
    }

    [Fact]
    public void Sma_equals_the_mean_of_the_window() =>
        StreamingEqualsBatch(n => new SimpleMovingAverage(n), w => w.Average());

    [Fact]
    public void Variance_equals_the_population_variance_of_the_window() =>
        StreamingEqualsBatch(n => new Variance(n), PopulationVariance);

    [Fact]
    public void StandardDeviation_equals_the_root_of_the_population_variance() =>
        StreamingEqualsBatch(n => new StandardDeviation(n), w => Math.Sqrt(PopulationVariance(w)));

    [Fact]
    public void A_nearly_constant_window_left_by_a_far_value_keeps_its_digits()
    {
        // Found by the property above (seed 12173611926703804297,1218183886079745575): 9973.746 leaving the window
        // [9973.746, 3943.429] for [3943.429, 3943.529] cancelled all but a few digits of M2 (stddev off by 1.3e-8).
        var deviation = new StandardDeviation(2);
        foreach (double price in (double[])[9973.746, 3943.429, 3943.529]) // the third update removes 9973.746 incrementally
            deviation.Update(price);
        Assert.True(Close(deviation.Value, 0.05), $"{deviation.Value:R}");
        Assert.Equal(0.05, deviation.Value, 1e-12);
    }

    [Fact]
    public void LogReturn_equals_the_log_of_last_over_first_of_the_window() =>
        StreamingEqualsBatch(n => new LogReturn(n), w => Math.Log(w[^1] / w[0]), warmUpExtra: 1);

    [Fact]
    public void Rolling_vwap_equals_the_volume_weighted_mean_of_the_window()
    {
        Prop.ForAll(BarsAndPeriod(), input =>
        {
            (OhlcvBar[] bars, int period) = input;
            var vwap = new RollingVwap(period);
            for (int i = 0; i < bars.Length; i++)
            {
                vwap.Update(bars[i]);
                if (vwap.IsReady != (i + 1 >= period))
                    return false;
                if (!vwap.IsReady)
                    continue;
                var window = new ArraySegment<OhlcvBar>(bars, i + 1 - period, period);
                double volume = window.Sum(b => b.Volume);
                double expected = volume == 0 ? double.NaN : window.Sum(b => RollingVwap.PriceOf(b) * b.Volume) / volume;
                if (!Close(vwap.Value, expected))
                    return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Rolling_extremes_equal_min_and_max_of_the_window()
    {
        Prop.ForAll(SeriesAndPeriod(), input =>
        {
            (double[] series, int period) = input;
            var extremes = new RollingExtremes(period);
            for (int i = 0; i < series.Length; i++)
            {
                extremes.Push(series[i]);
                var window = new ArraySegment<double>(series, Math.Max(0, i + 1 - period), Math.Min(i + 1, period));
                if (extremes.Min != window.Min() || extremes.Max != window.Max())
                    return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
