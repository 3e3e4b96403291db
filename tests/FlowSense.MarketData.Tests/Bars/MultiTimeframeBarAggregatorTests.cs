using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FsCheck;
using FsCheck.Fluent;
using static FlowSense.MarketData.Tests.Bars.TradeStreams;

namespace FlowSense.MarketData.Tests.Bars;

public sealed class MultiTimeframeBarAggregatorTests
{
    private sealed class Collector : IBarSink
    {
        public List<(TimeFrame Frame, Bar Bar)> Bars { get; } = [];

        public void OnBar(TimeFrame timeFrame, in Bar bar) => Bars.Add((timeFrame, bar));

        public List<Bar> Of(TimeFrame frame) => Bars.Where(b => b.Frame == frame).Select(b => b.Bar).ToList();
    }

    private static Collector Run(IEnumerable<Trade> trades, IEnumerable<TimeFrame> frames, SaleConditionFilter? filter = null)
    {
        var sink = new Collector();
        var aggregator = new MultiTimeframeBarAggregator(frames, sink, filter);
        long last = 0;
        foreach (Trade trade in trades)
        {
            aggregator.OnTrade(trade);
            last = trade.Header.ExchangeTimeNs;
        }
        aggregator.AdvanceTo(last + TimeFrame.OneDay.PeriodNs + 1);
        return sink;
    }

    /// <summary>Merges consecutive bars the way a longer period would hold them.</summary>
    private static Bar Merge(IReadOnlyList<Bar> parts, long start, long end) => new(
        start, end, parts[0].Open, parts.Max(b => b.High), parts.Min(b => b.Low), parts[^1].Close,
        parts.Sum(b => b.Volume), parts.Aggregate(Int128.Zero, (s, b) => s + b.Notional), parts.Sum(b => b.TradeCount));

    [Fact]
    public void One_trade_closing_several_frames_emits_the_shortest_first()
    {
        long t0 = 1_700_000_100L * Second; // 5-minute boundary is 1_700_000_100
        var sink = Run([At(t0 + Second, 100, 1), At(t0 + (300 * Second), 101, 1)],
            [TimeFrame.FiveMinutes, TimeFrame.OneMinute]);

        Assert.Equal(
            [TimeFrame.OneMinute, TimeFrame.FiveMinutes, TimeFrame.OneMinute, TimeFrame.FiveMinutes],
            sink.Bars.Select(b => b.Frame));
        Assert.Equal(t0, sink.Bars[1].Bar.StartTimeNs);
        Assert.Equal(t0 + (300 * Second), sink.Bars[1].Bar.EndTimeNs);
    }

    [Fact]
    public void Every_higher_frame_bar_equals_the_merge_of_the_base_bars_in_its_period()
    {
        Prop.ForAll(Tapes(), trades =>
        {
            Collector sink = Run(trades, TimeFrame.Standard, SaleConditionFilter.None);
            List<Bar> seconds = sink.Of(TimeFrame.OneSecond);
            foreach (TimeFrame frame in TimeFrame.Standard.Skip(1))
            {
                foreach (Bar bar in sink.Of(frame))
                {
                    var parts = seconds.Where(s => s.StartTimeNs >= bar.StartTimeNs && s.EndTimeNs <= bar.EndTimeNs).ToList();
                    if (parts.Count == 0 || Merge(parts, bar.StartTimeNs, bar.EndTimeNs) != bar)
                        return false;
                }
                if (sink.Of(frame).Sum(b => b.Volume) != seconds.Sum(b => b.Volume))
                    return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Late_trades_are_left_out_of_every_frame_alike()
    {
        Prop.ForAll(TapesWithLateTrades(), trades =>
        {
            var sink = new Collector();
            var aggregator = new MultiTimeframeBarAggregator([TimeFrame.OneSecond, TimeFrame.FiveSeconds, TimeFrame.OneMinute], sink);
            foreach (Trade trade in trades)
                aggregator.OnTrade(trade);
            aggregator.AdvanceTo(long.MaxValue);
            long total = trades.Sum(t => t.Size);
            long[] volumes = [.. new[] { TimeFrame.OneSecond, TimeFrame.FiveSeconds, TimeFrame.OneMinute }.Select(f => sink.Of(f).Sum(b => b.Volume))];
            long[] counts = [.. new[] { TimeFrame.OneSecond, TimeFrame.FiveSeconds, TimeFrame.OneMinute }.Select(f => sink.Of(f).Sum(b => (long)b.TradeCount))];
            return volumes.All(v => v == volumes[0]) && counts.All(c => c == trades.Length - aggregator.LateTrades)
                && (aggregator.LateTrades > 0 || volumes[0] == total);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Time_frames_must_nest_in_the_shortest()
    {
        Assert.Throws<ArgumentException>(() => new MultiTimeframeBarAggregator([TimeFrame.OneMinute, new TimeFrame(90 * Second)], new Collector()));
        Assert.Throws<ArgumentException>(() => new MultiTimeframeBarAggregator([], new Collector()));
    }

    [Fact]
    public void Bars_conserve_volume_and_keep_high_above_open_close_above_low()
    {
        var filter = new SaleConditionFilter(ExcludedFlags: 1, PriceExcludedFlags: 2);
        Prop.ForAll(Tapes(), trades =>
        {
            Collector sink = Run(trades, [TimeFrame.OneSecond, TimeFrame.OneMinute, TimeFrame.OneHour], filter);
            long counted = trades.Where(t => filter.Classify(t.Conditions) != TradeEligibility.Excluded).Sum(t => t.Size);
            int countedTrades = trades.Count(t => filter.Classify(t.Conditions) != TradeEligibility.Excluded);
            foreach (TimeFrame frame in new[] { TimeFrame.OneSecond, TimeFrame.OneMinute, TimeFrame.OneHour })
            {
                List<Bar> bars = sink.Of(frame);
                if (bars.Sum(b => b.Volume) != counted || bars.Sum(b => b.TradeCount) != countedTrades)
                    return false;
                if (!bars.All(OhlcIsOrdered))
                    return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    internal static bool OhlcIsOrdered(Bar b) =>
        b.High >= Math.Max(b.Open, b.Close) && Math.Max(b.Open, b.Close) >= Math.Min(b.Open, b.Close) && Math.Min(b.Open, b.Close) >= b.Low
        && b.Low > 0 && b.Volume > 0 && b.StartTimeNs <= b.EndTimeNs;
}
