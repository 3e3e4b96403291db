using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Spreads;

namespace FlowSense.MarketData.Tests.Features.Spreads;

public class PostTradeSpreadsTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void Effective_spread_is_twice_the_signed_distance_from_the_mid()
    {
        // Bid 1000, ask 1010, mid 1005: a buy at the ask pays the full quoted spread.
        Assert.Equal(10.0 / 1005.0, EffectiveSpread.Of(1010, 1, 1005.0));
        Assert.Equal(10.0 / 1005.0, EffectiveSpread.Of(1000, -1, 1005.0));
        Assert.Equal(-4.0 / 1005.0, EffectiveSpread.Of(1003, 1, 1005.0));
    }

    [Fact]
    public void Realized_spread_and_impact_use_the_mid_prevailing_tau_later()
    {
        var spreads = new PostTradeSpreads(horizonNs: 5 * Second, pendingCapacity: 8, averageWindow: 10);
        spreads.OnMid(0, new TopOfBook(1000, 5, 1010, 5).Mid);               // mid 1005
        Assert.True(spreads.OnTrade(0, 1010, 1, 1005.0));                   // buy at the ask
        spreads.OnMid(3 * Second, new TopOfBook(1004, 5, 1010, 5).Mid);     // mid 1007: prevailing at t + 5 s
        Assert.False(spreads.IsReady);
        spreads.OnMid(6 * Second, new TopOfBook(1008, 5, 1010, 5).Mid);     // mid 1009 arrives after t + 5 s

        Assert.True(spreads.IsReady);
        Assert.Equal(2.0 * (1010 - 1007) / 1005.0, spreads.LastRealizedSpread, 15);
        Assert.Equal(2.0 * (1007 - 1005) / 1005.0, spreads.LastPriceImpact, 15);
        // Effective = realized + impact.
        Assert.Equal(EffectiveSpread.Of(1010, 1, 1005.0), spreads.LastRealizedSpread + spreads.LastPriceImpact, 15);
    }

    [Fact]
    public void A_quote_stamped_exactly_at_t_plus_tau_is_the_one_that_prevails()
    {
        var spreads = new PostTradeSpreads(horizonNs: 5 * Second, pendingCapacity: 8, averageWindow: 10);
        spreads.OnMid(0, 1005.0);
        spreads.OnTrade(Second, 1000, -1, 1005.0);                          // sell at the bid, due at 6 s
        spreads.OnMid(6 * Second, 1001.0);
        // Sell: realized 2·(−1)·(1000 − 1001)/1005, impact 2·(−1)·(1001 − 1005)/1005.
        Assert.Equal(2.0 / 1005.0, spreads.LastRealizedSpread, 15);
        Assert.Equal(8.0 / 1005.0, spreads.LastPriceImpact, 15);
    }

    [Fact]
    public void Time_passing_resolves_trades_against_the_unchanged_mid()
    {
        var spreads = new PostTradeSpreads(horizonNs: Second, pendingCapacity: 8, averageWindow: 2);
        spreads.OnMid(0, 1005.0);
        spreads.OnTrade(0, 1010, 1, 1005.0);
        spreads.OnTrade(0, 1010, 1, 1005.0);
        spreads.OnTrade(0, 1000, -1, 1005.0);
        spreads.Advance(Second);
        Assert.Equal(3, spreads.Resolved);
        Assert.Equal(0.0, spreads.LastPriceImpact);
        // Mean over the last two: 10/1005 and 10/1005.
        Assert.Equal(10.0 / 1005.0, spreads.MeanRealizedSpread, 15);
    }

    [Fact]
    public void Overflow_and_an_undefined_later_mid_are_counted()
    {
        var spreads = new PostTradeSpreads(horizonNs: Second, pendingCapacity: 1, averageWindow: 2);
        spreads.OnMid(0, 1005.0);
        Assert.True(spreads.OnTrade(0, 1010, 1, 1005.0));
        Assert.False(spreads.OnTrade(0, 1010, 1, 1005.0));
        Assert.Equal(1, spreads.PendingOverflows);
        spreads.OnMid(10, double.NaN);              // one side empties
        spreads.Advance(2 * Second);
        Assert.Equal(1, spreads.UnresolvedWithoutMid);
        Assert.Equal(0, spreads.Resolved);
        Assert.False(spreads.OnTrade(3 * Second, 1010, 0, 1005.0));
    }
}
