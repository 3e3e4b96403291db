using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Indicators;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Tests.Indicators;

public sealed class IndicatorBehaviourTests
{
    private static OhlcvBar Bar(double open, double high, double low, double close, double volume = 0) =>
        new(0, open, high, low, close, volume);

    [Fact]
    public void Warm_up_periods_follow_ta_lib_look_backs()
    {
        Assert.Equal(14, new SimpleMovingAverage(14).WarmUpPeriod);
        Assert.Equal(14, new ExponentialMovingAverage(14).WarmUpPeriod);
        Assert.Equal(15, new RelativeStrengthIndex(14).WarmUpPeriod);
        Assert.Equal(34, new MovingAverageConvergenceDivergence().WarmUpPeriod);
        Assert.Equal(20, new BollingerBands().WarmUpPeriod);
        Assert.Equal(14, new AverageTrueRange().WarmUpPeriod);
        Assert.Equal(32, new StochasticRelativeStrengthIndex().WarmUpPeriod);
        Assert.Equal(15, new LogReturn(14).WarmUpPeriod);
        Assert.Equal(1, new TrueRange().WarmUpPeriod);
        Assert.Equal(1, new OnBalanceVolume().WarmUpPeriod);
    }

    [Fact]
    public void A_built_bar_converts_to_indicator_units_with_the_instruments_decimals()
    {
        var instrument = new Instrument(new InstrumentId("USA", "IBM"), PriceDecimals: 4, TickSize: 100, SizeDecimals: 0);
        var bar = new Bar(60, 120, 1_815_200, 1_818_000, 1_815_000, 1_817_500, 1_283, 0, 3);
        Assert.Equal(new OhlcvBar(60, 181.52, 181.80, 181.50, 181.75, 1_283), OhlcvBar.From(bar, instrument));
    }

    [Fact]
    public void Ema_is_seeded_with_the_sma_of_the_first_n_then_smooths()
    {
        var ema = new ExponentialMovingAverage(3);
        ema.Update(1);
        ema.Update(2);
        Assert.False(ema.IsReady);
        Assert.True(double.IsNaN(ema.Value));
        ema.Update(6);
        Assert.Equal(3, ema.Value);
        ema.Update(7);
        Assert.Equal(3 + (0.5 * (7 - 3)), ema.Value);
        Assert.Equal(1.0 / 14, ExponentialMovingAverage.Wilder(14).Alpha);
    }

    [Fact]
    public void Rsi_is_100_when_only_gains_and_0_when_flat()
    {
        var rising = new RelativeStrengthIndex(3);
        var flat = new RelativeStrengthIndex(3);
        foreach (double x in new[] { 1.0, 2, 3, 4 })
        {
            rising.Update(x);
            flat.Update(5);
        }
        Assert.Equal(100, rising.Value);
        Assert.Equal(0, flat.Value);
    }

    [Fact]
    public void Obv_adds_volume_on_up_closes_and_subtracts_on_down_closes()
    {
        var obv = new OnBalanceVolume();
        obv.Update(Bar(10, 10, 10, 10, 100));
        Assert.Equal(100, obv.Value);
        obv.Update(Bar(10, 11, 10, 11, 50));
        obv.Update(Bar(11, 11, 9, 9, 30));
        obv.Update(Bar(9, 9, 9, 9, 999));
        Assert.Equal(100 + 50 - 30, obv.Value);
    }

    [Fact]
    public void True_range_uses_the_previous_close_for_gaps()
    {
        var tr = new TrueRange();
        tr.Update(Bar(10, 11, 9, 10));
        Assert.Equal(2, tr.Value);
        tr.Update(Bar(14, 15, 14, 15)); // gap up: |15 - 10| beats 15 - 14
        Assert.Equal(5, tr.Value);
    }

    [Fact]
    public void Bollinger_percent_b_is_nan_when_the_bands_coincide()
    {
        var bands = new BollingerBands(3);
        foreach (double x in new[] { 5.0, 5, 5 })
            bands.Update(x);
        Assert.Equal(5, bands.Upper);
        Assert.True(double.IsNaN(bands.PercentB));
    }

    public static TheoryData<string> IndicatorNames => new()
    {
        nameof(SimpleMovingAverage), nameof(ExponentialMovingAverage), nameof(RelativeStrengthIndex),
        nameof(MovingAverageConvergenceDivergence), nameof(BollingerBands), nameof(AverageTrueRange),
        nameof(StochasticRelativeStrengthIndex), nameof(RollingVwap), nameof(OnBalanceVolume), nameof(Variance),
        nameof(StandardDeviation), nameof(LogReturn), nameof(TrueRange),
    };

    private static Indicator Create(string name) => name switch
    {
        nameof(SimpleMovingAverage) => new SimpleMovingAverage(5),
        nameof(ExponentialMovingAverage) => new ExponentialMovingAverage(5),
        nameof(RelativeStrengthIndex) => new RelativeStrengthIndex(5),
        nameof(MovingAverageConvergenceDivergence) => new MovingAverageConvergenceDivergence(3, 6, 4),
        nameof(BollingerBands) => new BollingerBands(5),
        nameof(AverageTrueRange) => new AverageTrueRange(5),
        nameof(StochasticRelativeStrengthIndex) => new StochasticRelativeStrengthIndex(4, 4, 2, 2),
        nameof(RollingVwap) => new RollingVwap(5),
        nameof(OnBalanceVolume) => new OnBalanceVolume(),
        nameof(Variance) => new Variance(5),
        nameof(StandardDeviation) => new StandardDeviation(5),
        nameof(LogReturn) => new LogReturn(5),
        _ => new TrueRange(),
    };

    [Theory]
    [MemberData(nameof(IndicatorNames))]
    public void Reset_returns_to_the_initial_state_and_replays_identically(string name)
    {
        Indicator indicator = Create(name);
        var bars = Enumerable.Range(0, 40)
            .Select(i => Bar(100 + Math.Sin(i), 101 + Math.Sin(i) + (i % 3), 99 + Math.Sin(i) - (i % 2), 100 + Math.Cos(i), 1_000 + (i * 10)))
            .ToArray();
        double[] first = Feed(indicator, bars);
        Assert.True(indicator.IsReady);

        indicator.Reset();
        Assert.False(indicator.IsReady);
        Assert.Equal(0, indicator.Samples);
        Assert.True(double.IsNaN(indicator.Value));
        Assert.Equal(first, Feed(indicator, bars));
    }

    private static double[] Feed(Indicator indicator, OhlcvBar[] bars)
    {
        var values = new double[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            ((IBarIndicator)indicator).Update(bars[i]);
            values[i] = indicator.Value;
        }
        return values;
    }
}
