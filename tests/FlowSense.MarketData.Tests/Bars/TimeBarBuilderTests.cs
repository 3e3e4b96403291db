using FlowSense.MarketData.Bars;
using static FlowSense.MarketData.Tests.Bars.TradeStreams;

namespace FlowSense.MarketData.Tests.Bars;

public sealed class TimeBarBuilderTests
{
    private static readonly long Minute = TimeFrame.OneMinute.PeriodNs;
    private static readonly long T0 = 1_700_000_040L * Second; // 2023-11-14 22:14:00 UTC, a minute boundary

    [Fact]
    public void Periods_align_to_epoch_multiples_also_before_1970()
    {
        Assert.Equal(T0, TimeFrame.OneMinute.StartOf(T0 + (59 * Second)));
        Assert.Equal(T0, TimeFrame.OneMinute.StartOf(T0));
        Assert.Equal(-Minute, TimeFrame.OneMinute.StartOf(-1));
        Assert.Equal(0, TimeFrame.OneDay.StartOf((24 * 3600 * Second) - 1));
        Assert.Equal(["1s", "5s", "1m", "5m", "15m", "1h", "4h", "1d"], TimeFrame.Standard.Select(f => f.ToString()));
    }

    [Fact]
    public void A_bar_is_stamped_with_its_period_start_and_closes_on_the_first_trade_at_its_end()
    {
        var builder = new TimeBarBuilder(TimeFrame.OneMinute);
        Assert.False(builder.Add(At(T0 + (5 * Second), 100, 10), out _));
        Assert.False(builder.Add(At(T0 + (30 * Second), 120, 30), out _));
        Assert.False(builder.Add(At(T0 + Minute - 1, 90, 20), out _));

        Assert.True(builder.Add(At(T0 + Minute, 95, 1), out Bar bar)); // exactly at the boundary: belongs to the next bar
        Assert.Equal(new Bar(T0, T0 + Minute, 100, 120, 90, 90, 60, (100 * 10) + (120 * 30) + (90 * 20), 3), bar);
        Assert.Equal(((100 * 10) + (120 * 30) + (90 * 20)) / 60.0, bar.Vwap, 12);
        Assert.Equal(T0 + Minute, builder.OpenBar!.Value.StartTimeNs);
    }

    [Fact]
    public void AdvanceTo_closes_a_bar_in_a_silent_market_but_not_before_its_end()
    {
        var builder = new TimeBarBuilder(TimeFrame.OneMinute);
        builder.Add(At(T0 + Second, 100, 10), out _);

        Assert.False(builder.AdvanceTo(T0 + Minute - 1, out _));
        Assert.True(builder.HasOpenBar);
        Assert.True(builder.AdvanceTo(T0 + Minute, out Bar bar));
        Assert.Equal(T0, bar.StartTimeNs);
        Assert.False(builder.HasOpenBar);
        Assert.False(builder.AdvanceTo(T0 + (10 * Minute), out _)); // nothing open: no empty bars are invented
    }

    [Fact]
    public void A_trade_from_a_period_already_passed_is_counted_late_not_merged()
    {
        var builder = new TimeBarBuilder(TimeFrame.OneMinute);
        builder.Add(At(T0 + Minute + Second, 100, 10), out _);
        Assert.False(builder.Add(At(T0 + Second, 200, 5), out _));
        Assert.Equal(1, builder.LateTrades);
        Assert.Equal(10, builder.OpenBar!.Value.Volume);

        builder.AdvanceTo(T0 + (3 * Minute), out _);
        builder.Add(At(T0 + (2 * Minute), 100, 1), out _);
        Assert.Equal(2, builder.LateTrades);
    }

    [Fact]
    public void Sale_condition_filter_excludes_or_keeps_volume_only()
    {
        var filter = new SaleConditionFilter(ExcludedFlags: 0b01, PriceExcludedFlags: 0b10);
        var builder = new TimeBarBuilder(TimeFrame.OneMinute, filter);
        builder.Add(At(T0, 100, 10), out _);
        builder.Add(At(T0 + 1, 500, 7, conditions: 0b01), out _); // excluded
        builder.Add(At(T0 + 2, 900, 5, conditions: 0b10), out _); // volume only: no new high
        builder.Add(At(T0 + 3, 101, 1), out _);
        Bar bar = builder.OpenBar!.Value;

        Assert.Equal(1, builder.ExcludedTrades);
        Assert.Equal((100, 101, 100, 101), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal(16, bar.Volume);
        Assert.Equal(3, bar.TradeCount);
        Assert.Equal((100 * 10) + (900 * 5) + 101, bar.Notional);
    }

    [Fact]
    public void A_bar_with_only_volume_only_trades_still_reports_their_prices()
    {
        var builder = new TimeBarBuilder(TimeFrame.OneMinute, new SaleConditionFilter(0, 1));
        builder.Add(At(T0, 100, 10, conditions: 1), out _);
        builder.Add(At(T0 + 1, 90, 10, conditions: 1), out _);
        Bar bar = builder.OpenBar!.Value;
        Assert.Equal((100, 100, 90, 90), (bar.Open, bar.High, bar.Low, bar.Close));
    }

    [Fact]
    public void Us_equity_filter_drops_only_official_open_and_close_republications()
    {
        SaleConditionFilter filter = SaleConditionFilter.UsEquity;
        Assert.Equal(TradeEligibility.Excluded, filter.Classify((uint)UsEquitySaleConditions.OfficialOpen));
        Assert.Equal(TradeEligibility.Excluded, filter.Classify((uint)(UsEquitySaleConditions.OfficialClose | UsEquitySaleConditions.Regular)));
        Assert.Equal(TradeEligibility.Counted, filter.Classify((uint)(UsEquitySaleConditions.IntermarketSweep | UsEquitySaleConditions.TradeThroughExempt)));
    }

    [Theory]
    [InlineData(UsEquitySaleConditions.IntermarketSweep | UsEquitySaleConditions.TradeThroughExempt, TradeEligibility.VolumeOnly)]
    [InlineData(UsEquitySaleConditions.OddLot, TradeEligibility.VolumeOnly)]
    [InlineData(UsEquitySaleConditions.IntermarketSweep | UsEquitySaleConditions.ExtendedHours, TradeEligibility.Counted)]
    [InlineData(UsEquitySaleConditions.TradeThroughExempt | UsEquitySaleConditions.Regular, TradeEligibility.Counted)]
    [InlineData(UsEquitySaleConditions.AveragePrice | UsEquitySaleConditions.TradeThroughExempt, TradeEligibility.VolumeOnly)]
    [InlineData(UsEquitySaleConditions.ClosingPrints, TradeEligibility.Counted)]
    [InlineData(UsEquitySaleConditions.OfficialOpen, TradeEligibility.Excluded)]
    public void Lean_rule_leaves_out_prices_of_sweeps_and_odd_lots_without_a_regular_kind_flag(UsEquitySaleConditions conditions, TradeEligibility expected) =>
        Assert.Equal(expected, SaleConditionFilter.LeanTradeBars.Classify((uint)conditions));
}
