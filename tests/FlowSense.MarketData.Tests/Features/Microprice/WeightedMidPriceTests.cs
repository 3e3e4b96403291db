using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Microprice;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.Microprice;

public class WeightedMidPriceTests
{
    [Fact]
    public void A_heavy_bid_pulls_the_price_towards_the_ask()
    {
        // I = 30 / 40 = 0.75: 0.75 × 102 + 0.25 × 100.
        Assert.Equal(101.5, WeightedMidPrice.Of(new TopOfBook(100, 30, 102, 10)));
        // Balanced queues give the mid.
        Assert.Equal(101.0, WeightedMidPrice.Of(new TopOfBook(100, 7, 102, 7)));
    }

    [Fact]
    public void A_one_sided_book_has_no_microprice() =>
        Assert.True(double.IsNaN(WeightedMidPrice.Of(new TopOfBook(100, 0, 102, 10))));

    [Fact]
    public void Mid_and_quoted_spread()
    {
        var book = new TopOfBook(1000, 3, 1010, 4);
        Assert.Equal(1005.0, book.Mid);
        Assert.Equal(10, book.QuotedSpread);
        Assert.Equal(10.0 / 1005.0, book.RelativeSpread);
    }

    [Fact]
    public void Microprice_lies_between_bid_and_ask()
    {
        Gen<TopOfBook> books =
            from bid in Gen.Choose(1, 1_000_000)
            from spread in Gen.Choose(0, 1000)
            from bidSize in Gen.Choose(1, int.MaxValue)
            from askSize in Gen.Choose(1, int.MaxValue)
            select new TopOfBook(bid, bidSize, bid + spread, askSize);
        Prop.ForAll(Arb.From(books), book =>
        {
            double micro = WeightedMidPrice.Of(book);
            return micro >= book.BidPrice && micro <= book.AskPrice;
        }).QuickCheckThrowOnFailure();
    }
}
