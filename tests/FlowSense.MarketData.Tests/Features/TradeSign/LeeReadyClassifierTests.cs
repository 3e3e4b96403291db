using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.TradeSign;

namespace FlowSense.MarketData.Tests.Features.TradeSign;

public class LeeReadyClassifierTests
{
    // Mid 1005.
    private static readonly TopOfBook Quote = new(1000, 5, 1010, 5);

    [Fact]
    public void Quote_test_signs_trades_away_from_the_mid()
    {
        var signs = new LeeReadyClassifier();
        Assert.Equal(1, signs.Classify(1008, Aggressor.Unknown, Quote));
        Assert.Equal(TradeSignRule.Quote, signs.LastRule);
        Assert.Equal(-1, signs.Classify(1002, Aggressor.Unknown, Quote));
        Assert.Equal(2, signs.ByQuote);
    }

    [Fact]
    public void Tick_test_signs_trades_at_the_mid()
    {
        var signs = new LeeReadyClassifier();
        Assert.Equal(0, signs.Classify(1005, Aggressor.Unknown, Quote));     // no earlier price: unclassified
        Assert.Equal(TradeSignRule.Unclassified, signs.LastRule);
        Assert.Equal(0, signs.Classify(1005, Aggressor.Unknown, Quote));     // still no price change
        signs.Classify(1002, Aggressor.Unknown, Quote);                      // below mid: sell; a downtick
        Assert.Equal(1, signs.Classify(1005, Aggressor.Unknown, Quote));     // uptick
        Assert.Equal(TradeSignRule.Tick, signs.LastRule);
        Assert.Equal(1, signs.Classify(1005, Aggressor.Unknown, Quote));     // zero-uptick
        signs.Classify(1007, Aggressor.Unknown, Quote);                      // above mid: buy; an uptick
        Assert.Equal(-1, signs.Classify(1005, Aggressor.Unknown, Quote));    // downtick
        Assert.Equal(-1, signs.Classify(1005, Aggressor.Unknown, Quote));    // zero-downtick
        Assert.Equal(2, signs.Unclassified);
        Assert.Equal(4, signs.ByTick);
    }

    [Fact]
    public void Mid_comparison_is_exact_when_the_mid_falls_between_ticks()
    {
        var signs = new LeeReadyClassifier();
        var oddSpread = new TopOfBook(1000, 5, 1001, 5);                     // mid 1000.5
        Assert.Equal(1, signs.Classify(1001, Aggressor.Unknown, oddSpread));
        Assert.Equal(-1, signs.Classify(1000, Aggressor.Unknown, oddSpread));
    }

    [Fact]
    public void The_feeds_aggressor_wins_and_still_feeds_the_tick_test()
    {
        var signs = new LeeReadyClassifier();
        Assert.Equal(1, signs.Classify(1002, Aggressor.Buyer, Quote));
        Assert.Equal(TradeSignRule.Aggressor, signs.LastRule);
        Assert.Equal(-1, signs.Classify(1008, Aggressor.Seller, Quote));     // an uptick from 1002
        Assert.Equal(-1, signs.Classify(1005, Aggressor.Unknown, Quote));    // downtick from 1008
    }

    [Fact]
    public void Without_a_two_sided_quote_the_tick_test_decides()
    {
        var signs = new LeeReadyClassifier();
        var oneSided = new TopOfBook(1000, 5, 0, 0);
        signs.Classify(1010, Aggressor.Unknown, oneSided);
        Assert.Equal(-1, signs.Classify(1008, Aggressor.Unknown, oneSided));
        Assert.Equal(TradeSignRule.Tick, signs.LastRule);
    }
}
