using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.MarketData.OrderBook;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>
/// Split anywhere, checkpoint, restore into a fresh replica and finish: the result equals the uninterrupted run —
/// every event's features, every bar, every indicator value, the final books, and the next checkpoint's bytes.
/// </summary>
public class SplitReplayProperties
{
    [Theory]
    [InlineData(VolumeClassification.Exact, CrossedBookPolicy.Flag)]
    [InlineData(VolumeClassification.Bulk, CrossedBookPolicy.Reject)]
    public void L1_book_and_everything_it_feeds_resume_exactly(VolumeClassification classification, CrossedBookPolicy policy) =>
        Prop.ForAll(RandomStreams.WithSplit(BookKind.L1), input =>
            SplitReplay.AssertResumesExactly(Config(BookKind.L1, classification, policy), input.Events, input.Split))
        .QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(VolumeClassification.Exact, CrossedBookPolicy.Flag)]
    [InlineData(VolumeClassification.Bulk, CrossedBookPolicy.ClearStaleLevels)]
    [InlineData(VolumeClassification.Exact, CrossedBookPolicy.Reject)]
    public void L2_book_and_everything_it_feeds_resume_exactly(VolumeClassification classification, CrossedBookPolicy policy) =>
        Prop.ForAll(RandomStreams.WithSplit(BookKind.L2), input =>
            SplitReplay.AssertResumesExactly(Config(BookKind.L2, classification, policy), input.Events, input.Split))
        .QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(VolumeClassification.Exact, CrossedBookPolicy.Flag)]
    [InlineData(VolumeClassification.Bulk, CrossedBookPolicy.ClearStaleLevels)]
    [InlineData(VolumeClassification.Exact, CrossedBookPolicy.Reject)]
    public void L3_book_with_seeded_liquidity_and_everything_it_feeds_resume_exactly(VolumeClassification classification, CrossedBookPolicy policy) =>
        Prop.ForAll(RandomStreams.WithSplit(BookKind.L3), input =>
            SplitReplay.AssertResumesExactly(Config(BookKind.L3, classification, policy), input.Events, input.Split))
        .QuickCheckThrowOnFailure();

    private static ReplicaConfig Config(BookKind kind, VolumeClassification classification, CrossedBookPolicy policy)
    {
        var (bids, asks) = RandomStreams.L3Seed();
        return new ReplicaConfig(
            kind,
            RandomStreams.TightFeatures(classification),
            VolumePerBar: 90,
            new BookOptions(policy),
            kind == BookKind.L3 ? bids : null,
            kind == BookKind.L3 ? asks : null,
            new SaleConditionFilter(ExcludedFlags: 2, PriceExcludedFlags: 1));
    }
}
