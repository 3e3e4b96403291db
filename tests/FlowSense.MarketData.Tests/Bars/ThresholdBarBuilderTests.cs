using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FsCheck;
using FsCheck.Fluent;
using static FlowSense.MarketData.Tests.Bars.TradeStreams;

namespace FlowSense.MarketData.Tests.Bars;

public sealed class ThresholdBarBuilderTests
{
    private static List<Bar> Run(ThresholdBarBuilder builder, IEnumerable<Trade> trades)
    {
        var bars = new List<Bar>();
        foreach (Trade trade in trades)
        {
            if (builder.Add(trade, out Bar bar))
                bars.Add(bar);
        }
        return bars;
    }

    [Fact]
    public void Volume_bar_keeps_the_crossing_trade_whole_and_does_not_carry_the_excess()
    {
        var bars = Run(ThresholdBarBuilder.VolumeBars(100), [At(1, 10, 60), At(2, 11, 70), At(3, 12, 30), At(4, 13, 70)]);
        Assert.Equal(2, bars.Count);
        Assert.Equal(new Bar(1, 2, 10, 11, 10, 11, 130, (10 * 60) + (11 * 70), 2), bars[0]);
        Assert.Equal(new Bar(3, 4, 12, 13, 12, 13, 100, (12 * 30) + (13 * 70), 2), bars[1]);
    }

    [Fact]
    public void Tick_bars_close_every_n_counted_trades()
    {
        var builder = ThresholdBarBuilder.TickBars(2, new SaleConditionFilter(1, 0));
        var bars = Run(builder, [At(1, 10, 1), At(2, 11, 1, conditions: 1), At(3, 12, 1), At(4, 13, 1)]);
        Assert.Single(bars);
        Assert.Equal((10, 12), (bars[0].Open, bars[0].Close));
        Assert.Equal(1, builder.ExcludedTrades);
        Assert.Equal(13, builder.OpenBar!.Value.Open);
    }

    [Fact]
    public void Dollar_bars_use_the_instruments_scales()
    {
        var instrument = new Instrument(Xyz, PriceDecimals: 2, TickSize: 1, SizeDecimals: 0);
        // $1,000 per bar: 10 shares at $60.00 = $600, then 10 more = $1,200 -> closes.
        var bars = Run(ThresholdBarBuilder.DollarBars(1_000m, instrument), [At(1, 6_000, 10), At(2, 6_000, 10), At(3, 6_000, 1)]);
        Assert.Single(bars);
        Assert.Equal(1_200.0, bars[0].NotionalValue(2, 0));
    }

    [Fact]
    public void Volume_bars_conserve_volume_and_each_closed_bar_reaches_the_threshold_by_its_last_trade()
    {
        Prop.ForAll(Tapes(), Gen.Choose(1, 3_000).ToArbitrary(), (trades, threshold) =>
        {
            var builder = ThresholdBarBuilder.VolumeBars(threshold);
            List<Bar> bars = Run(builder, trades);
            long total = bars.Sum(b => b.Volume) + (builder.OpenBar?.Volume ?? 0);
            bool thresholds = bars.All(b => b.Volume >= threshold && b.Volume < threshold + 1_000);
            return total == trades.Sum(t => t.Size) && thresholds && bars.All(MultiTimeframeBarAggregatorTests.OhlcIsOrdered)
                && (builder.OpenBar?.Volume ?? 0) < threshold;
        }).QuickCheckThrowOnFailure();
    }
}
