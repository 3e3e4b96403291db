using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Imbalance;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.Imbalance;

public class DepthImbalanceTests
{
    [Fact]
    public void At_best_is_bid_minus_ask_over_their_sum() =>
        Assert.Equal(-0.5, DepthImbalance.AtBest(new TopOfBook(1000, 10, 1010, 30)));

    [Fact]
    public void Over_levels_sums_the_first_k_of_each_side()
    {
        long[] bidPrices = [1000, 999, 998];
        long[] bidSizes = [10, 5, 7];
        long[] askPrices = [1010, 1011, 1012];
        long[] askSizes = [20, 5, 1];
        var view = new LevelView(bidPrices, bidSizes, askPrices, askSizes);

        Assert.Equal((15.0 - 25.0) / 40.0, DepthImbalance.OverLevels(view, 2));
        // k beyond the depth uses what there is.
        Assert.Equal((22.0 - 26.0) / 48.0, DepthImbalance.OverLevels(view, 5));
        Assert.Equal(-1.0 / 3.0, DepthImbalance.OverLevels(view, 1), 15);
    }

    [Fact]
    public void An_empty_book_has_no_imbalance()
    {
        Assert.True(double.IsNaN(DepthImbalance.Of(0, 0)));
        Assert.Equal(1.0, DepthImbalance.Of(5, 0));
        Assert.Equal(-1.0, DepthImbalance.Of(0, 5));
    }

    [Fact]
    public void Imbalance_lies_in_minus_one_to_one()
    {
        Gen<long> size = Gen.Choose(0, int.MaxValue).Select(x => (long)x);
        Prop.ForAll(Arb.From(Gen.Zip(size, size).Where(p => p.Item1 + p.Item2 > 0)), p =>
        {
            double imbalance = DepthImbalance.Of(p.Item1, p.Item2);
            return imbalance is >= -1.0 and <= 1.0;
        }).QuickCheckThrowOnFailure();
    }
}
