using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>The directory lists what the symbol actors hold; ids the catalog does not know are answered, not crashed on.</summary>
public sealed class SymbolDirectoryTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(10))
{
    [Fact]
    public async Task The_directory_lists_each_symbol_with_its_shard_book_type_and_counts()
    {
        var catalog = Catalog(BookType.L2, priceDecimals: 2);
        var shards = SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 64 });
        var a = Id("A");
        var events = new[] { Delta(a, 1, 1, Side.Bid, 9_900, 5), Delta(a, 2, 2, Side.Ask, 10_100, 7), Delta(a, 3, 2, Side.Ask, 10_200, 1) };
        shards.Region.Tell(new SymbolEvents(a, events, 0, events.Length), TestActor.Ref);
        var ack = ExpectMsg<SymbolEventsAck>();
        Assert.Equal((2, 1, 3), (ack.Applied, ack.Duplicates, ack.Total));

        var listing = Assert.Single(shards.Directory.List());
        Assert.Equal(a, listing.Instrument);
        Assert.Equal(ShardId.Of("TEST:A", 64), listing.Shard);
        Assert.Equal(BookType.L2, listing.BookType);
        Assert.Equal((2L, 1L), (listing.Health.Applied, listing.Health.Duplicates));
        Assert.Equal(2_000_000, listing.Health.LastEventTimeNs);
        Assert.Equal($"/user/shards/{listing.Shard}/TEST:A", listing.Path);

        var book = await shards.Region.Ask<BookTop>(new GetBook("TEST:A", 5));
        Assert.Equal(2, book.PriceDecimals);
        Assert.Equal(99.00m, book.Instrument.PriceToDecimal(book.Bids[0].Price));
        Assert.Equal(new Level(10_100, 7, 0), Assert.Single(book.Asks));
    }

    [Fact]
    public async Task Unknown_symbols_are_answered_and_their_events_counted_as_rejected()
    {
        var shards = SymbolShards.Start(Sys, new SymbolCatalog(), new ShardingOptions { ShardCount = 8 });
        Assert.Equal(new SymbolUnknown("NOPE:X"), await shards.Region.Ask<SymbolUnknown>(new GetBook("NOPE:X")));
        Assert.Equal(new SymbolUnknown("not-an-id"), await shards.Region.Ask<SymbolUnknown>(new GetSymbolHealth("not-an-id")));
        var x = new InstrumentId("NOPE", "X");
        var events = new[] { Trade(x, 1, 100) };
        var ack = await shards.Region.Ask<SymbolEventsAck>(new SymbolEvents(x, events, 0, 1));
        Assert.Equal(1, ack.Rejected);
        Assert.Empty(shards.Directory.List());
    }
}
