using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.Ofi;

public class OrderFlowImbalanceTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void First_state_is_warm_up_and_events_sum_over_the_last_N()
    {
        var ofi = new OrderFlowImbalance(eventWindow: 2, clockWindowNs: 10 * Second, clockCapacity: 16);
        Assert.False(ofi.Update(0, new TopOfBook(1000, 10, 1010, 20)));
        Assert.False(ofi.IsReady);
        Assert.Equal(0, ofi.OverEvents);

        Assert.True(ofi.Update(1, new TopOfBook(1005, 7, 1010, 20)));   // +7
        Assert.True(ofi.IsReady);
        Assert.False(ofi.IsEventWindowFull);
        Assert.True(ofi.Update(2, new TopOfBook(1005, 7, 1008, 4)));    // −4
        Assert.True(ofi.Update(3, new TopOfBook(1005, 12, 1008, 4)));   // +5

        Assert.Equal(5, ofi.LastEvent);
        Assert.Equal(-4 + 5, ofi.OverEvents);
        Assert.Equal(7 - 4 + 5, ofi.Cumulative);
        Assert.Equal(7 - 4 + 5, ofi.OverClock);
        Assert.Equal(3, ofi.EventCount);
    }

    [Theory]
    // The ask empties (the feed shows price 0): its 20 are removed, +20.
    [InlineData(1000, 10, 0, 0, 20)]
    // The ask empties (LOBSTER's dummy price): the same.
    [InlineData(1000, 10, 9_999_999_999, 0, 20)]
    // The bid empties (price 0 or LOBSTER's −9999999999): its 10 are removed, −10.
    [InlineData(0, 0, 1010, 20, -10)]
    [InlineData(-9_999_999_999, 0, 1010, 20, -10)]
    public void An_emptied_side_counts_as_its_depth_removed(long bidPrice, long bidSize, long askPrice, long askSize, long expected)
    {
        var ofi = new OrderFlowImbalance(eventWindow: 4, clockWindowNs: Second, clockCapacity: 16);
        ofi.Update(0, new TopOfBook(1000, 10, 1010, 20));
        ofi.Update(1, new TopOfBook(bidPrice, bidSize, askPrice, askSize));
        Assert.Equal(expected, ofi.LastEvent);
        // And refilling it adds the new depth: +q on the bid, −q on the ask.
        ofi.Update(2, bidSize == 0 ? new TopOfBook(1000, 7, 1010, 20) : new TopOfBook(1000, 10, 1010, 9));
        Assert.Equal(bidSize == 0 ? 7 : -9, ofi.LastEvent);
    }

    [Fact]
    public void A_repeated_state_is_not_an_event()
    {
        var ofi = new OrderFlowImbalance(eventWindow: 2, clockWindowNs: Second, clockCapacity: 16);
        ofi.Update(0, new TopOfBook(1000, 10, 1010, 20));
        ofi.Update(1, new TopOfBook(1000, 12, 1010, 20));  // +2
        Assert.False(ofi.Update(2, new TopOfBook(1000, 12, 1010, 20)));
        Assert.Equal(1, ofi.EventCount);
        Assert.Equal(2, ofi.LastEvent);
    }

    [Fact]
    public void Clock_window_holds_events_stamped_after_now_minus_tau()
    {
        var ofi = new OrderFlowImbalance(eventWindow: 100, clockWindowNs: Second, clockCapacity: 16);
        ofi.Update(0, new TopOfBook(1000, 10, 1010, 20));
        ofi.Update(100_000_000, new TopOfBook(1000, 11, 1010, 20));   // +1 at 0.1 s
        ofi.Update(600_000_000, new TopOfBook(1000, 13, 1010, 20));   // +2 at 0.6 s
        ofi.Update(1_000_000_000, new TopOfBook(1000, 17, 1010, 20)); // +4 at 1.0 s
        Assert.Equal(7, ofi.OverClock);

        ofi.Advance(1_100_000_000);  // 0.1 s is now at t − τ: out
        Assert.Equal(6, ofi.OverClock);
        ofi.Advance(1_999_999_999);
        Assert.Equal(4, ofi.OverClock);
        ofi.Advance(2_000_000_000);
        Assert.Equal(0, ofi.OverClock);
        Assert.Equal(7, ofi.OverEvents);
    }

    [Fact]
    public void Clock_window_overflow_is_counted()
    {
        var ofi = new OrderFlowImbalance(eventWindow: 10, clockWindowNs: Second, clockCapacity: 2);
        ofi.Update(0, new TopOfBook(1000, 10, 1010, 20));
        ofi.Update(1, new TopOfBook(1000, 11, 1010, 20));   // +1
        ofi.Update(2, new TopOfBook(1000, 13, 1010, 20));   // +2
        ofi.Update(3, new TopOfBook(1000, 17, 1010, 20));   // +4: evicts +1 early
        Assert.Equal(1, ofi.ClockWindow.Overflows);
        Assert.Equal(6, ofi.OverClock);
        Assert.Equal(7, ofi.OverEvents);
    }

    [Fact]
    public void Window_sums_equal_the_sums_of_their_events()
    {
        Gen<TopOfBook> state =
            from bid in Gen.Choose(995, 1000)
            from spread in Gen.Choose(1, 4)
            from bidSize in Gen.Choose(0, 6)
            from askSize in Gen.Choose(0, 6)
            select new TopOfBook(bid, bidSize, bid + spread, askSize);
        Gen<(TopOfBook Book, int Gap)[]> tape = Gen.Zip(state, Gen.Choose(0, 400_000_000)).ArrayOf();

        Prop.ForAll(Arb.From(tape), steps =>
        {
            const int N = 5;
            const long Tau = Second;
            var ofi = new OrderFlowImbalance(N, Tau, clockCapacity: 1024);
            var events = new List<(long Time, long E)>();
            TopOfBook? previous = null;
            long time = 0;
            foreach (var (book, gap) in steps)
            {
                time += gap;
                ofi.Update(time, book);
                TopOfBook queues = OrderFlowEvent.AsQueues(book);
                if (previous is { } p && p != queues)
                    events.Add((time, OrderFlowEvent.Between(p, queues)));
                previous = queues;
            }
            long lastN = events.Skip(Math.Max(0, events.Count - N)).Sum(x => x.E);
            long inClock = events.Where(x => x.Time > time - Tau).Sum(x => x.E);
            return ofi.OverEvents == lastN && ofi.OverClock == inClock && ofi.Cumulative == events.Sum(x => x.E)
                && ofi.EventCount == events.Count;
        }).QuickCheckThrowOnFailure();
    }
}
