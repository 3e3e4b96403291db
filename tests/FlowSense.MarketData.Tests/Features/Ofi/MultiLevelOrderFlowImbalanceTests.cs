using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.Ofi;

public class MultiLevelOrderFlowImbalanceTests
{
    [Fact]
    public void Each_level_uses_its_own_prices_and_sizes()
    {
        var ofi = new MultiLevelOrderFlowImbalance(levels: 2, eventWindow: 10);
        // Bids 1000 x 10, 999 x 5; asks 1010 x 20, 1011 x 8.
        Assert.False(ofi.Update(View([1000, 999], [10, 5], [1010, 1011], [20, 8])));

        // A bid of 4 at 1001 improves the best bid: level 1 bid moves up (+4); level 2 bid moves up to the old
        // best (1000 x 10: +10). Asks unchanged at both levels.
        Assert.True(ofi.Update(View([1001, 1000], [4, 10], [1010, 1011], [20, 8])));
        Assert.Equal([4L, 10L], ofi.LastEvents.ToArray());

        // The best ask is lifted entirely: level 1 ask moves up to 1011 (+20 old size); level 2 ask moves up to
        // 1012 x 30 (+8 old size). Bids unchanged.
        Assert.True(ofi.Update(View([1001, 1000], [4, 10], [1011, 1012], [8, 30])));
        Assert.Equal([20L, 8L], ofi.LastEvents.ToArray());
        Assert.Equal([24L, 18L], ofi.OverEvents.ToArray());
    }

    [Fact]
    public void A_missing_level_counts_as_its_depth_removed()
    {
        var ofi = new MultiLevelOrderFlowImbalance(levels: 2, eventWindow: 10);
        ofi.Update(View([1000, 999], [10, 5], [1010, 1011], [20, 8]));
        // Only one ask level left: ask level 2 empties at 1011 (−0 + 8).
        ofi.Update(View([1000, 999], [10, 5], [1010], [20]));
        Assert.Equal([0L, 8L], ofi.LastEvents.ToArray());
    }

    [Fact]
    public void Window_keeps_the_last_N_events_per_level_and_skips_repeats()
    {
        var ofi = new MultiLevelOrderFlowImbalance(levels: 2, eventWindow: 2);
        ofi.Update(View([1000, 999], [10, 5], [1010, 1011], [20, 8]));
        ofi.Update(View([1000, 999], [11, 5], [1010, 1011], [20, 8]));  // +1, 0
        ofi.Update(View([1000, 999], [11, 7], [1010, 1011], [20, 8]));  // 0, +2
        Assert.False(ofi.Update(View([1000, 999], [11, 7], [1010, 1011], [20, 8])));
        ofi.Update(View([1000, 999], [11, 7], [1010, 1011], [17, 8]));  // +3, 0
        Assert.True(ofi.IsEventWindowFull);
        Assert.Equal(3, ofi.EventCount);
        Assert.Equal([3L, 2L], ofi.OverEvents.ToArray());
        Assert.Equal([3L, 0L], ofi.LastEvents.ToArray());
    }

    [Fact]
    public void Level_one_sums_to_single_level_OFI()
    {
        // Windows longer than the tape, so both hold every event (the multi-level one also counts changes
        // below level 1 as events, adding e = 0 at level 1).
        var single = new OrderFlowImbalance(eventWindow: 1000, clockWindowNs: 1, clockCapacity: 4);
        var multi = new MultiLevelOrderFlowImbalance(levels: 3, eventWindow: 1000);
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            long[] bids = [1000 - random.Next(2), 998, 997];
            long[] asks = [1001 + random.Next(2), 1003, 1004];
            long[] bidSizes = [random.Next(1, 5), random.Next(1, 5), 3];
            long[] askSizes = [random.Next(1, 5), 2, random.Next(1, 5)];
            var view = View(bids, bidSizes, asks, askSizes);
            single.Update(i, view.Best);
            multi.Update(view);
        }
        Assert.True(single.EventCount > 100);
        Assert.Equal(single.OverEvents, multi.OverEvents[0]);
    }

    [Fact]
    public void Every_level_equals_the_single_level_formula_at_any_depth()
    {
        // Ten levels exercise the four-wide path and the scalar tail; views of 0..10 levels and empty levels
        // exercise the padding. The reference applies e_n level by level.
        const int M = 10;
        Gen<long[]> side = Gen.Choose(0, M).SelectMany(depth => Gen.Choose(0, 3).ArrayOf(2 * depth))
            .Select(pairs => pairs.Select(x => (long)x).ToArray());
        Gen<(long[] Bid, long[] Ask)[]> tape = Gen.Zip(side, side).ArrayOf();
        Prop.ForAll(Arb.From(tape), states =>
        {
            var ofi = new MultiLevelOrderFlowImbalance(M, eventWindow: 1000);
            var expected = new long[M];
            TopOfBook[]? previous = null;
            foreach (var (bid, ask) in states)
            {
                // Prices 1000 − (level + jitter) on the bid, 1010 + (level + jitter) on the ask; sizes 0..3.
                long[] bidPrices = Enumerable.Range(0, bid.Length / 2).Select(m => 1000L - m - bid[2 * m]).ToArray();
                long[] bidSizes = Enumerable.Range(0, bid.Length / 2).Select(m => bid[2 * m + 1]).ToArray();
                long[] askPrices = Enumerable.Range(0, ask.Length / 2).Select(m => 1010L + m + ask[2 * m]).ToArray();
                long[] askSizes = Enumerable.Range(0, ask.Length / 2).Select(m => ask[2 * m + 1]).ToArray();
                ofi.Update(new LevelView(bidPrices, bidSizes, askPrices, askSizes));

                TopOfBook[] current = Enumerable.Range(0, M).Select(m => OrderFlowEvent.AsQueues(new TopOfBook(
                    m < bidPrices.Length ? bidPrices[m] : 0, m < bidSizes.Length ? bidSizes[m] : 0,
                    m < askPrices.Length ? askPrices[m] : 0, m < askSizes.Length ? askSizes[m] : 0))).ToArray();
                if (previous is not null)
                {
                    for (int m = 0; m < M; m++)
                        expected[m] += OrderFlowEvent.Between(previous[m], current[m]);
                }
                previous = current;
            }
            return ofi.OverEvents.SequenceEqual(expected);
        }).QuickCheckThrowOnFailure();
    }

    private static LevelView View(long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes) =>
        new(bidPrices, bidSizes, askPrices, askSizes);
}
