using FlowSense.MarketData.Indicators;
using Xunit.Abstractions;

namespace FlowSense.MarketData.Tests.Indicators;

/// <summary>
/// Every indicator against the values LEAN's authors recorded in Tests/TestData (shared/data/lean), with their
/// tolerances. Each test also insists on the number of rows it compared (every row with an expected value once
/// the indicator is ready), so a parsing slip that skips rows fails instead of passing vacuously.
/// spy_with_indicators.txt's OBV column cannot be checked: the file has no volume column (LEAN tests OBV with
/// spy_with_obv.csv, which is not in the shared data).
/// </summary>
public sealed class LeanReferenceTests(ITestOutputHelper output)
{
    private void Check<T>(string fileName, string column, double tolerance, int minimumCompared, T indicator,
        Action<T, OhlcvBar> update, Func<T, bool> ready, Func<T, double> value)
    {
        var file = LeanReferenceFile.Load(fileName);
        var outcome = ReferenceComparison.Run(file, column, tolerance,
            row => update(indicator, file.Bar(row)), () => (ready(indicator), value(indicator)));
        ReferenceComparison.AssertAgrees(outcome, minimumCompared, tolerance, output);
    }

    private void CheckValue(string fileName, string column, double tolerance, int minimumCompared, Indicator indicator) =>
        Check(fileName, column, tolerance, minimumCompared, indicator,
            (i, bar) => ((IBarIndicator)i).Update(bar), i => i.IsReady, i => i.Value);

    [Fact]
    public void Sma14_matches_spy_with_indicators() =>
        CheckValue("spy_with_indicators.txt", "SMA14", 1e-2, 487, new SimpleMovingAverage(14));

    // This column is rounded to 0.01 on values near 14,000, so 1e-3 cannot hold even for the exact EMA; LEAN's own
    // test of it allows a 2.5e-2 delta. spy_ema.csv (below) checks the same EMA at 1e-3 with full precision.
    [Fact]
    public void Ema14_matches_spy_with_indicators() =>
        CheckValue("spy_with_indicators.txt", "EMA14", 1e-2, 487, new ExponentialMovingAverage(14));

    [Fact]
    public void Ema14_matches_spy_ema() =>
        CheckValue("spy_ema.csv", "EMA14", 1e-3, 351, new ExponentialMovingAverage(14));

    [Fact]
    public void Rsi14_simple_matches_spy_with_indicators() =>
        CheckValue("spy_with_indicators.txt", "RSI 14", 1e-3, 485, new RelativeStrengthIndex(14, Smoothing.Simple));

    [Fact]
    public void Rsi14_wilder_matches_spy_with_indicators() =>
        CheckValue("spy_with_indicators.txt", "RSI 14 Wilder", 1e-3, 486, new RelativeStrengthIndex(14, Smoothing.Wilder));

    [Fact]
    public void Macd_line_matches_spy_with_indicators() =>
        Check("spy_with_indicators.txt", "MACD 12 26", 1e-3, 467, new MovingAverageConvergenceDivergence(12, 26, 9),
            (m, bar) => m.Update(bar), m => m.IsReady, m => m.Line);

    [Theory]
    [InlineData("MACD")]
    [InlineData("Signal")]
    [InlineData("Histogram")]
    public void Macd_12_26_9_matches_spy_with_macd(string column) =>
        Check("spy_with_macd.txt", column, 1e-4, 183, new MovingAverageConvergenceDivergence(12, 26, 9),
            (m, bar) => m.Update(bar), m => m.IsReady,
            m => column switch { "MACD" => m.Line, "Signal" => m.Signal, _ => m.Histogram });

    [Theory]
    [InlineData("Moving Average 20")]
    [InlineData("Bollinger Bands® 20 2 Top")]
    [InlineData("Bollinger Bands® 20 2 Bottom")]
    [InlineData("BandWidth")]
    [InlineData("%B")]
    public void Bollinger_20_2_matches_spy_bollinger_bands(string column) =>
        Check("spy_bollinger_bands.txt", column, 1e-3, 481, new BollingerBands(20, 2),
            (b, bar) => b.Update(bar), b => b.IsReady,
            b => column switch
            {
                "Moving Average 20" => b.Middle,
                "Bollinger Bands® 20 2 Top" => b.Upper,
                "Bollinger Bands® 20 2 Bottom" => b.Lower,
                "BandWidth" => 100 * b.BandWidth, // the file gives the band width in percent of the middle band
                _ => b.PercentB,
            });

    [Fact]
    public void Atr14_wilder_matches_spy_atr_wilder() =>
        CheckValue("spy_atr_wilder.txt", "Average True Range 14", 1e-3, 488, new AverageTrueRange(14, Smoothing.Wilder));

    [Fact]
    public void Atr14_simple_matches_spy_atr() =>
        CheckValue("spy_atr.txt", "Average True Range 14", 1e-3, 487, new AverageTrueRange(14, Smoothing.Simple));

    [Theory]
    [InlineData("k")]
    [InlineData("d")]
    public void StochRsi_14_14_3_3_matches_spy_with_StochRSI(string column) =>
        Check("spy_with_StochRSI.csv", column, 1e-3, 469, new StochasticRelativeStrengthIndex(14, 14, 3, 3),
            (s, bar) => s.Update(bar), s => s.IsReady, s => column == "k" ? s.K : s.D);

    [Fact]
    public void RollingVwap50_matches_spy_with_vwap() =>
        CheckValue("spy_with_vwap.txt", "Moving VWAP 50", 1e-3, 452, new RollingVwap(50));

    [Fact]
    public void Variance10_matches_spy_var() =>
        CheckValue("spy_var.txt", "Var", 1e-3, 491, new Variance(10));

    [Fact]
    public void TrueRange_matches_spy_tr() =>
        CheckValue("spy_tr.txt", "TR", 1e-3, 499, new TrueRange());

    [Fact]
    public void LogReturn14_matches_spy_logr14() =>
        CheckValue("spy_logr14.txt", "LOGR14", 1e-3, 486, new LogReturn(14));
}
