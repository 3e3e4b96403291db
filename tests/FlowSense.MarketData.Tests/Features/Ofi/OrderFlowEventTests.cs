using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;

namespace FlowSense.MarketData.Tests.Features.Ofi;

/// <summary>Each branch of e_n in Cont, Kukanov &amp; Stoikov (2014), eq. (2), computed by hand.</summary>
public class OrderFlowEventTests
{
    // Bid 1000 x 10, ask 1010 x 20.
    private static readonly TopOfBook Before = new(1000, 10, 1010, 20);

    [Theory]
    // Bid price up: + new bid size (the old queue is not subtracted); ask unchanged: −20 + 20.
    [InlineData(1005, 7, 1010, 20, 7)]
    // Bid price down: − old bid size.
    [InlineData(995, 30, 1010, 20, -10)]
    // Bid price unchanged, size 10 → 15: +15 − 10.
    [InlineData(1000, 15, 1010, 20, 5)]
    // Bid price unchanged, size 10 → 4 (a cancel or an execution at the bid).
    [InlineData(1000, 4, 1010, 20, -6)]
    // Ask price up: + old ask size.
    [InlineData(1000, 10, 1015, 8, 20)]
    // Ask price down: − new ask size.
    [InlineData(1000, 10, 1008, 4, -4)]
    // Ask price unchanged, size 20 → 25: −25 + 20.
    [InlineData(1000, 10, 1010, 25, -5)]
    // Ask price unchanged, size 20 → 12: −12 + 20.
    [InlineData(1000, 10, 1010, 12, 8)]
    // Both sides move in: +3 (bid up) − 6 (ask down).
    [InlineData(1005, 3, 1008, 6, -3)]
    // Both sides move up: +3 (bid up) + 20 (ask up).
    [InlineData(1005, 3, 1015, 8, 23)]
    // Both sides move down: −10 (bid down) − 6 (ask down).
    [InlineData(995, 30, 1008, 6, -16)]
    // Nothing changes: 10 − 10 − 20 + 20.
    [InlineData(1000, 10, 1010, 20, 0)]
    public void Contribution_follows_each_branch(long bidPrice, long bidSize, long askPrice, long askSize, long expected) =>
        Assert.Equal(expected, OrderFlowEvent.Between(Before, new TopOfBook(bidPrice, bidSize, askPrice, askSize)));
}
