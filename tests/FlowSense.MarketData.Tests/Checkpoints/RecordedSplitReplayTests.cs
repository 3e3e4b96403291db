using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.MarketData.OrderBook;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>
/// The recovery property on real recorded streams: LOBSTER's AAPL order flow (L3), IBM's trades and quotes (L1)
/// and a Binance depth capture (L2), each split at random points and at the middle.
/// </summary>
public class RecordedSplitReplayTests
{
    private static readonly Lazy<(MarketEvent[] Events, Level[] Bids, Level[] Asks)> LobsterStream = new(RecordedStreams.Lobster);
    private static readonly Lazy<MarketEvent[]> IbmStream = new(RecordedStreams.IbmTicks);
    private static readonly Lazy<MarketEvent[]> BinanceStream = new(RecordedStreams.Binance);

    [Fact]
    public void Lobster_AAPL_order_flow_resumes_exactly_after_a_restore()
    {
        var (events, bids, asks) = LobsterStream.Value;
        var config = new ReplicaConfig(BookKind.L3, Features(bucketVolume: 500), VolumePerBar: 1_500, new BookOptions(CheckSequence: false), bids, asks);
        SymbolReplica whole = SplitReplay.Uninterrupted(config, events);
        // Orders resting beyond the 10 seeded levels are unknown to the book; a handful of refusals, counted.
        Assert.InRange(((L3Book)whole.Book).Errors.Total, 0, 10);
        Assert.True(whole.ClosedBars.Count > 20, $"only {whole.ClosedBars.Count} bars closed");
        Assert.True(whole.Features.Vpin.Buckets.Completed > 10, "too few VPIN buckets to prove their state");
        AtRandomSplits(config, events, whole);
    }

    [Fact]
    public void Ibm_trades_and_quotes_resume_exactly_after_a_restore()
    {
        MarketEvent[] events = IbmStream.Value;
        var config = new ReplicaConfig(BookKind.L1, Features(bucketVolume: 20_000), VolumePerBar: 25_000, Filter: SaleConditionFilter.LeanTradeBars);
        SymbolReplica whole = SplitReplay.Uninterrupted(config, events);
        Assert.True(events.Length > 50_000, $"only {events.Length} IBM events");
        Assert.True(whole.Indicators.All(i => i.IsReady), "every indicator warms up over a day of one-second bars");
        AtRandomSplits(config, events, whole);
    }

    [Fact]
    public void Binance_depth_capture_resumes_exactly_after_a_restore()
    {
        MarketEvent[] events = BinanceStream.Value;
        var config = new ReplicaConfig(BookKind.L2, Features(bucketVolume: 1_000_00000000), VolumePerBar: 500_00000000, new BookOptions(CheckSequence: false));
        SymbolReplica whole = SplitReplay.Uninterrupted(config, events);
        Assert.True(whole.Book.LevelCount(Side.Bid) > 100 && whole.Book.LevelCount(Side.Ask) > 100, "the snapshot's depth is restored");
        Assert.False(whole.Book.IsCrossed);
        AtRandomSplits(config, events, whole);
    }

    private static void AtRandomSplits(ReplicaConfig config, MarketEvent[] events, SymbolReplica whole)
    {
        SplitReplay.AssertResumesExactly(config, events, events.Length / 2, whole);
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(3),
            Prop.ForAll(Gen.Choose(0, events.Length).ToArbitrary(), split => SplitReplay.AssertResumesExactly(config, events, split, whole)));
    }

    /// <summary>Windows short enough to wrap many times over each recording.</summary>
    private static MicrostructureFeaturesOptions Features(long bucketVolume) => new()
    {
        OfiEventWindow = 50,
        ClockWindowCapacity = 256,
        PendingTradeCapacity = 64,
        TradeAverageWindow = 20,
        Vpin = new VpinOptions(bucketVolume, BucketCount: 10),
        KyleLambdaTrades = 20,
        VolatilityIntervals = 30,
        Hawkes = new HawkesParameters(0.2, 0.6, 2.0),
    };
}
