using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.MarketData.Events;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>An idle symbol is passivated; the next message re-creates it with an empty book, its counters and watermarks kept.</summary>
public sealed class PassivationTests() : FlowSense.Actors.TestKit.TestKit(virtualTime: true, defaultTimeout: TimeSpan.FromSeconds(10))
{
    [Fact]
    public void A_passivated_symbol_comes_back_asks_for_a_resync_and_never_reapplies_old_events()
    {
        var a = Id("A");
        var catalog = Catalog(BookType.L2);
        var shards = SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 4, PassivateIdleAfter = TimeSpan.FromMinutes(1) });
        var resyncs = CreateTestProbe();
        Sys.EventStream.Subscribe(resyncs.Ref, typeof(ResyncRequested));

        var first = new[] { Delta(a, 1, 1, Side.Bid, 99, 5), Delta(a, 2, 2, Side.Ask, 101, 5) };
        shards.Region.Tell(new SymbolEvents(a, first, 0, first.Length), TestActor.Ref);
        Assert.Equal(2, ExpectMsg<SymbolEventsAck>().Applied);
        Assert.Equal(1, shards.Directory.ActiveCount);

        Time.Advance(TimeSpan.FromMinutes(2));
        AwaitAssert(() =>
        {
            shards.Region.Tell(GetShardRegionState.Instance, TestActor.Ref);
            Assert.Equal(1, ExpectMsg<ShardRegionState>().Find("TEST:A")!.Passivations);
        });
        AwaitAssert(() => Assert.Equal(0, shards.Directory.ActiveCount)); // known, but its actor is gone

        // Replayed old deltas and one new one: the old are duplicates, the new one lands on an empty book.
        var again = new[] { Delta(a, 1, 1, Side.Bid, 99, 5), Delta(a, 2, 2, Side.Ask, 101, 5), Delta(a, 3, 3, Side.Bid, 98, 1) };
        shards.Region.Tell(new SymbolEvents(a, again, 0, again.Length), TestActor.Ref);
        var ack = ExpectMsg<SymbolEventsAck>();
        Assert.Equal((1, 2), (ack.Applied, ack.Duplicates));
        Assert.Equal(1, shards.Directory.ActiveCount);
        Assert.Equal(new ResyncRequested(a, ResyncReason.Recreated, 2), resyncs.ExpectMsg<ResyncRequested>());

        shards.Region.Tell(new GetBook("TEST:A"), TestActor.Ref);
        var book = ExpectMsg<BookTop>();
        Assert.Equal([new MarketData.OrderBook.Level(98, 1, 0)], book.Bids);
        Assert.Empty(book.Asks);
        Assert.True(shards.Directory.TryGet(a, out var entry));
        Assert.Equal((3L, 2L, 2), (entry.Counters.Applied, entry.Counters.Duplicates, entry.Incarnations));
    }
}
