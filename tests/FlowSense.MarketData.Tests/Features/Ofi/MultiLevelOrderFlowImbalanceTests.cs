using System.Buffers;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Tests.Checkpoints;
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

    [Theory]
    [InlineData(1000)] // nothing evicted
    [InlineData(3)] // rows evicted as the books deepen and thin out
    public void Every_level_equals_the_single_level_formula_at_any_depth(int eventWindow)
    {
        // Views of 0..10 levels and empty levels exercise the padding and the stored extents; a short window evicts
        // rows written when the book was shallower or deeper than now. The reference applies e_n level by level.
        const int M = 10;
        Gen<long[]> side = Gen.Choose(0, M).SelectMany(depth => Gen.Choose(0, 3).ArrayOf(2 * depth))
            .Select(pairs => pairs.Select(x => (long)x).ToArray());
        Gen<(long[] Bid, long[] Ask)[]> tape = Gen.Zip(side, side).ArrayOf();
        Prop.ForAll(Arb.From(tape), states =>
        {
            var ofi = new MultiLevelOrderFlowImbalance(M, eventWindow);
            var events = new List<long[]>();
            TopOfBook[]? previous = null;
            foreach (var (bid, ask) in states)
            {
                // Prices 1000 − (level + jitter) on the bid, 1010 + (level + jitter) on the ask; sizes 0..3.
                long[] bidPrices = Enumerable.Range(0, bid.Length / 2).Select(m => 1000L - m - bid[2 * m]).ToArray();
                long[] bidSizes = Enumerable.Range(0, bid.Length / 2).Select(m => bid[2 * m + 1]).ToArray();
                long[] askPrices = Enumerable.Range(0, ask.Length / 2).Select(m => 1010L + m + ask[2 * m]).ToArray();
                long[] askSizes = Enumerable.Range(0, ask.Length / 2).Select(m => ask[2 * m + 1]).ToArray();
                bool recorded = ofi.Update(new LevelView(bidPrices, bidSizes, askPrices, askSizes));

                TopOfBook[] current = Enumerable.Range(0, M).Select(m => OrderFlowEvent.AsQueues(new TopOfBook(
                    m < bidPrices.Length ? bidPrices[m] : 0, m < bidSizes.Length ? bidSizes[m] : 0,
                    m < askPrices.Length ? askPrices[m] : 0, m < askSizes.Length ? askSizes[m] : 0))).ToArray();
                if (previous is not null && !current.SequenceEqual(previous))
                    events.Add(Enumerable.Range(0, M).Select(m => OrderFlowEvent.Between(previous[m], current[m])).ToArray());
                if (recorded != (previous is not null && !current.SequenceEqual(previous)))
                    return false;
                previous = current;
            }
            long[] expected = Enumerable.Range(0, M).Select(m => events.TakeLast(eventWindow).Sum(e => e[m])).ToArray();
            return ofi.OverEvents.SequenceEqual(expected)
                && (events.Count == 0 || ofi.LastEvents.SequenceEqual(events[^1]));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Past_the_levels_staged_on_the_stack_each_level_is_computed_as_below_them()
    {
        // 130 levels stage in an array of their own, 4 on the stack; levels a view does not reach contribute nothing.
        var wide = new MultiLevelOrderFlowImbalance(levels: 130, eventWindow: 3);
        var narrow = new MultiLevelOrderFlowImbalance(levels: 4, eventWindow: 3);
        var random = new Random(5);
        for (int i = 0; i < 50; i++)
        {
            long[] bidPrices = [1000 - random.Next(2), 998, 997], bidSizes = [random.Next(1, 9), random.Next(9), 4];
            long[] askPrices = [1002 + random.Next(2), 1004, 1005], askSizes = [random.Next(1, 9), 3, random.Next(9)];
            Assert.Equal(narrow.Update(View(bidPrices, bidSizes, askPrices, askSizes)), wide.Update(View(bidPrices, bidSizes, askPrices, askSizes)));
            Assert.Equal(narrow.LastEvents.ToArray(), wide.LastEvents[..4].ToArray());
            Assert.Equal(narrow.OverEvents.ToArray(), wide.OverEvents[..4].ToArray());
            Assert.True(wide.OverEvents[4..].IndexOfAnyExcept(0L) < 0);
        }

        var restored = new MultiLevelOrderFlowImbalance(levels: 130, eventWindow: 3);
        CheckpointFramingTests.Restore(restored, CheckpointFramingTests.Write(wide));
        Assert.Equal(wide.LastEvents.ToArray(), restored.LastEvents.ToArray());
        Assert.Equal(CheckpointFramingTests.Write(wide), CheckpointFramingTests.Write(restored));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void A_restored_instance_goes_on_exactly_as_the_one_it_was_saved_from(int eventWindow)
    {
        // Books of 0..4 levels make rows of every length, and the ring wraps many times: a restore midway (rows back
        // at full width) must evict and sum as the original does, and save the same bytes, from then on.
        const int M = 4;
        var random = new Random(11);
        var original = new MultiLevelOrderFlowImbalance(M, eventWindow);
        MultiLevelOrderFlowImbalance? restored = null;
        for (int i = 0; i < 400; i++)
        {
            int bids = random.Next(M + 1), asks = random.Next(M + 1);
            long[] bidPrices = [.. Enumerable.Range(0, bids).Select(m => 1000L - m)], bidSizes = [.. Enumerable.Range(0, bids).Select(_ => (long)random.Next(1, 4))];
            long[] askPrices = [.. Enumerable.Range(0, asks).Select(m => 1002L + m)], askSizes = [.. Enumerable.Range(0, asks).Select(_ => (long)random.Next(1, 4))];
            bool recorded = original.Update(View(bidPrices, bidSizes, askPrices, askSizes));
            if (restored is not null)
            {
                Assert.Equal(recorded, restored.Update(View(bidPrices, bidSizes, askPrices, askSizes)));
                Assert.Equal(original.OverEvents.ToArray(), restored.OverEvents.ToArray());
                Assert.Equal(original.LastEvents.ToArray(), restored.LastEvents.ToArray());
                Assert.Equal(CheckpointFramingTests.Write(original), CheckpointFramingTests.Write(restored));
            }
            else if (i == 150)
            {
                restored = new MultiLevelOrderFlowImbalance(M, eventWindow);
                CheckpointFramingTests.Restore(restored, CheckpointFramingTests.Write(original));
            }
        }
        Assert.True(original.EventCount > 300);
    }

    [Fact]
    public void A_checkpoint_whose_last_event_is_not_the_newest_ring_row_is_refused()
    {
        // The last event's contributions are kept once, as the ring's newest row; the format still carries them, and
        // a restore checks that the two agree.
        var ofi = new MultiLevelOrderFlowImbalance(levels: 2, eventWindow: 4);
        ofi.Update(View([1000], [5], [1002], [5]));
        ofi.Update(View([1000], [7], [1002], [5]));
        Assert.Equal([2L, 0L], ofi.LastEvents.ToArray());

        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        writer.BeginSection(CheckpointSection.MultiLevelOrderFlowImbalance, 1);
        writer.WriteInt64(2);          // levels
        writer.WriteInt64(4);          // event window
        writer.WriteBoolean(true);     // has a previous state
        writer.WriteInt64(1);          // events
        writer.WriteInt32(1);          // next row
        writer.WriteInt32(1);          // filled rows
        writer.WriteInt64s([1000, long.MinValue]); // bid prices (level 2 empty)
        writer.WriteInt64s([7, 0]);                // bid sizes
        writer.WriteInt64s([1002, long.MaxValue]); // ask prices
        writer.WriteInt64s([5, 0]);                // ask sizes
        writer.WriteInt64s([3, 0]);                // the last event: not what the ring holds
        writer.WriteInt64s([2, 0]);                // sums
        writer.WriteInt64s([2, 0]);                // the ring's one row
        writer.EndSection();
        writer.Complete();
        byte[] bytes = output.WrittenSpan.ToArray();

        var restored = new MultiLevelOrderFlowImbalance(levels: 2, eventWindow: 4);
        var error = Assert.Throws<CheckpointException>(() => CheckpointFramingTests.Restore(restored, bytes));
        Assert.Contains("newest row", error.Message);
    }

    private static LevelView View(long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes) =>
        new(bidPrices, bidSizes, askPrices, askSizes);
}
