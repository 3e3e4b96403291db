using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Tests.Features;

public class MicrostructureFeaturesTests
{
    private const long Second = 1_000_000_000;
    private static readonly EventHeader Header = new(new InstrumentId("TEST", "XYZ"), 0, 0, 0);

    [Fact]
    public void Snapshot_carries_the_current_quote_features()
    {
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions { DepthImbalanceLevels = 2 });
        long[] bidPrices = [1000, 999, 998];
        long[] bidSizes = [30, 10, 50];
        long[] askPrices = [1002, 1003, 1004];
        long[] askSizes = [10, 30, 50];
        features.OnLevels(Second, new LevelView(bidPrices, bidSizes, askPrices, askSizes));

        FeatureSnapshot snapshot = features.Snapshot();
        Assert.Equal(Second, snapshot.TimeNs);
        Assert.Equal(1001.0, snapshot.Mid);
        Assert.Equal(2, snapshot.QuotedSpread);
        Assert.Equal(2.0 / 1001.0, snapshot.RelativeSpread);
        Assert.Equal(0.75 * 1002 + 0.25 * 1000, snapshot.Microprice);
        Assert.Equal(0.5, snapshot.DepthImbalanceAtBest);
        Assert.Equal(0.0, snapshot.DepthImbalanceOverLevels);
        Assert.Equal(FeatureReadiness.None, snapshot.Ready & FeatureReadiness.Ofi);
        Assert.True(double.IsNaN(snapshot.HawkesTradeIntensity));
        Assert.True(double.IsNaN(snapshot.EstimatedMicroprice));
    }

    [Fact]
    public void Snapshot_carries_multi_level_OFI_per_level()
    {
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions { Levels = 3 });
        Assert.Equal(0, features.Snapshot().MultiLevelOfi.Count);

        features.OnLevels(Second, new LevelView([1000, 999, 998], [30, 10, 50], [1002, 1003, 1004], [10, 30, 50]));
        features.OnLevels(2 * Second, new LevelView([1000, 999, 998], [40, 10, 20], [1002, 1004, 1005], [10, 5, 50]));
        features.OnLevels(3 * Second, new LevelView([1000, 999, 998], [40, 10, 20], [1002, 1004, 1005], [15, 5, 50]));

        // e_m per DESIGN §7 (Xu, Gould & Howison), summed over the window: level 1 bid queue +10, then ask queue +5
        // (−5); level 2 ask price up, +30 (the old queue); level 3 bid queue −30 and ask price up, +50.
        FeatureSnapshot snapshot = features.Snapshot();
        Assert.Equal([5L, 30, 20], snapshot.MultiLevelOfi.ToArray());
        Assert.Equal(features.MultiLevelOfi.OverEvents.ToArray(), snapshot.MultiLevelOfi.ToArray());
    }

    [Fact]
    public void Snapshot_publishes_at_most_ten_levels_of_multi_level_OFI()
    {
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions { Levels = 12 });
        features.OnLevels(Second, new LevelView([1000], [30], [1002], [10]));
        features.OnLevels(2 * Second, new LevelView([1000], [40], [1002], [10]));

        FeatureSnapshot snapshot = features.Snapshot();
        Assert.Equal(12, features.MultiLevelOfi.Levels);
        Assert.Equal(OfiByLevel.MaxLevels, snapshot.MultiLevelOfi.Count);
        Assert.Equal(10, snapshot.MultiLevelOfi[0]);
    }

    [Fact]
    public void A_trade_is_signed_and_costed_against_the_prevailing_quote()
    {
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions
        {
            PostTradeHorizonNs = Second,
            Vpin = new VpinOptions(BucketVolume: 10, BucketCount: 1),
            Hawkes = new HawkesParameters(Baseline: 1.0, Jump: 2.0, Decay: 1.0),
        });
        features.OnTopOfBook(0, new TopOfBook(1000, 5, 1010, 5));
        features.OnTrade(new Trade(Header with { ExchangeTimeNs = 100 }, 1010, 10, Aggressor.Unknown));
        features.OnTopOfBook(2 * Second, new TopOfBook(1004, 5, 1010, 5));

        FeatureSnapshot snapshot = features.Snapshot();
        Assert.Equal(1, snapshot.LastTradeSign);                            // quote test: above the mid
        Assert.Equal(10.0 / 1005.0, snapshot.LastEffectiveSpread, 15);
        Assert.Equal(10.0 / 1005.0, snapshot.LastRealizedSpread, 15);      // mid unchanged at t + 1 s
        Assert.Equal(0.0, snapshot.LastPriceImpact);
        Assert.Equal(1.0, snapshot.Vpin);                                   // one all-buy bucket
        Assert.Equal(FeatureReadiness.Vpin | FeatureReadiness.PostTradeSpreads | FeatureReadiness.TradeIntensity, snapshot.Ready);
        Assert.Equal(1.0 + 2.0 * Math.Exp(-(2 * Second - 100) / 1e9), snapshot.HawkesTradeIntensity, 12);
        Assert.Equal(1.0, snapshot.QuoteUpdatesPerSecond);                  // only the quote at 2 s is in (1 s, 2 s]
    }

    [Fact]
    public void Bad_input_is_refused_and_counted()
    {
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions());
        Assert.False(features.OnTopOfBook(0, new TopOfBook(1000, -1, 1010, 5)));
        long[] prices = [1000];
        long[] negative = [-3];
        long[] sizes = [3];
        Assert.False(features.OnLevels(0, new LevelView(prices, negative, prices, sizes)));
        Assert.Equal(2, features.RejectedBooks);

        Assert.False(features.OnTrade(new Trade(Header, 1000, 0, Aggressor.Buyer)));
        Assert.Equal(1, features.RejectedTrades);

        Assert.True(features.OnTrade(new Trade(Header, 1000, 5, Aggressor.Buyer)));
        Assert.Equal(1, features.TradesWithoutQuote);
        Assert.True(double.IsNaN(features.Snapshot().LastEffectiveSpread));

        Assert.True(features.OnTopOfBook(1, new TopOfBook(1010, 5, 1000, 5)));
        Assert.Equal(1, features.CrossedBooks);

        // A trade at the mid with no tape history has no sign, so no effective spread (not the previous one).
        features.OnTopOfBook(2, new TopOfBook(1000, 5, 1010, 5));
        features.OnTrade(new Trade(Header with { ExchangeTimeNs = 3 }, 1010, 5, Aggressor.Buyer));
        Assert.False(double.IsNaN(features.Snapshot().LastEffectiveSpread));
        var fresh = new MicrostructureFeatures(new MicrostructureFeaturesOptions());
        fresh.OnTopOfBook(0, new TopOfBook(1000, 5, 1010, 5));
        fresh.OnTrade(new Trade(Header, 1005, 5, Aggressor.Unknown));
        Assert.Equal(0, fresh.Snapshot().LastTradeSign);
        Assert.True(double.IsNaN(fresh.Snapshot().LastEffectiveSpread));
    }

    [Fact]
    public void A_one_sided_book_leaves_mid_features_undefined()
    {
        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions());
        features.OnTopOfBook(0, new TopOfBook(1000, 5, 0, 0));
        FeatureSnapshot snapshot = features.Snapshot();
        Assert.True(double.IsNaN(snapshot.Mid));
        Assert.True(double.IsNaN(snapshot.Microprice));
        Assert.Equal(1.0, snapshot.DepthImbalanceAtBest);
    }

    [Fact]
    public void Options_out_of_range_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicrostructureFeatures(new MicrostructureFeaturesOptions { OfiEventWindow = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicrostructureFeatures(new MicrostructureFeaturesOptions { Vpin = new VpinOptions(0) }));
    }
}
