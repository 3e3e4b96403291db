using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Streams;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Indicators;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>
/// An event that makes a symbol's state throw is quarantined, the symbol actor is restarted by its shard with a fresh
/// book and asks for a resync, the rest of its slice is still applied exactly once, and other symbols never notice.
/// </summary>
public sealed class PoisonedEventTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(10))
{
    /// <summary>An indicator that throws on a bar closing at 666: a stand-in for any bug a real event could trip.</summary>
    private sealed class Tripwire : ValueIndicator
    {
        public Tripwire()
            : base(1)
        {
        }

        public override void Update(double value)
        {
            if (value == 666)
                throw new InvalidOperationException("tripwire");
            Samples++;
            Value = value;
        }

        // A test-only section tag; the tripwire has no state beyond the value and sample count every indicator writes.
        protected override MarketData.Checkpoints.CheckpointSection CheckpointTag => (MarketData.Checkpoints.CheckpointSection)0x1FFF;

        protected override void WriteState(ref MarketData.Checkpoints.CheckpointWriter writer)
        {
        }

        protected override void RestoreState(ref MarketData.Checkpoints.CheckpointReader reader, byte version)
        {
        }
    }

    [Fact]
    public async Task A_poisoned_event_restarts_only_its_symbol_and_nothing_is_lost_or_applied_twice()
    {
        var a = Id("A");
        var b = Id("B");
        var catalog = new SymbolCatalog().AddVenue(Venue, id => new SymbolSettings(new Instrument(id, 0, 1, 0), BookType.L2)
        {
            BarTimeFrames = [MarketData.Bars.TimeFrame.OneSecond],
            Indicators = [new IndicatorSpec("tripwire", () => new Tripwire())],
        });
        var resyncs = CreateTestProbe();
        Sys.EventStream.Subscribe(resyncs.Ref, typeof(ResyncRequested));
        var shards = SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 8 });

        var batch = Batch(
            Delta(b, 0, 1, Side.Bid, 50, 3),
            Trade(a, 100, 100),
            Trade(a, 500, 666),
            Trade(a, 1_200, 101),                 // closes the 1s bar at 666: the tripwire throws
            Delta(a, 1_300, 1, Side.Bid, 99, 5),  // the rest of A's slice, applied by the restarted actor
            Delta(a, 1_300, 2, Side.Ask, 101, 7),
            Delta(b, 1_400, 2, Side.Ask, 52, 4));
        var run = IngestionPipeline.Run(Source.From([batch]), shards, new IngestionOptions { Name = "poison" });
        var totals = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, totals.Delivered);
        Assert.Equal(6, totals.Applied);
        Assert.Equal(1, totals.Quarantined);
        Assert.Equal(totals.Slices, totals.Acknowledged);

        var resync = resyncs.ExpectMsg<ResyncRequested>();
        Assert.Equal(new ResyncRequested(a, ResyncReason.Restarted, 0), resync);

        var bookA = await shards.Region.Ask<BookTop>(new GetBook(SymbolKey.EntityId(a)));
        Assert.Equal([new Level(99, 5, 0)], bookA.Bids);
        Assert.Equal([new Level(101, 7, 0)], bookA.Asks);
        var healthA = await shards.Region.Ask<SymbolHealth>(new GetSymbolHealth(SymbolKey.EntityId(a)));
        Assert.Equal((4L, 1L, 1L, 0L), (healthA.Applied, healthA.Quarantined, healthA.Restarts, healthA.Duplicates));
        Assert.True(shards.Directory.TryGet(a, out var entryA));
        Assert.Equal(101, Assert.Single(entryA.QuarantinedEvents).Event.AsTrade().Price);

        var bookB = await shards.Region.Ask<BookTop>(new GetBook(SymbolKey.EntityId(b)));
        Assert.Equal([new Level(50, 3, 0)], bookB.Bids);
        Assert.Equal([new Level(52, 4, 0)], bookB.Asks);
        var healthB = await shards.Region.Ask<SymbolHealth>(new GetSymbolHealth(SymbolKey.EntityId(b)));
        Assert.Equal((2L, 0L, 0L), (healthB.Applied, healthB.Quarantined, healthB.Restarts));

        var region = await shards.Region.Ask<ShardRegionState>(GetShardRegionState.Instance);
        Assert.Equal(1, region.Find(SymbolKey.EntityId(a))!.Restarts);
        Assert.Equal(0, region.Find(SymbolKey.EntityId(b))!.Restarts);
        resyncs.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
