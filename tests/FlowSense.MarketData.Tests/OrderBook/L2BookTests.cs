using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using static FlowSense.MarketData.Tests.OrderBook.BookEvents;

namespace FlowSense.MarketData.Tests.OrderBook;

public class L2BookTests
{
    [Fact]
    public void Levels_are_kept_best_first_on_both_sides()
    {
        var book = new L2Book(Instrument);
        foreach (long price in new long[] { 100, 102, 99, 101 })
            Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, price, price)));
        foreach (long price in new long[] { 105, 103, 104 })
            Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Ask, price, price * 10)));

        Span<Level> top = stackalloc Level[3];
        Assert.Equal(3, book.TopLevels(Side.Bid, top));
        Assert.Equal([new Level(102, 102, 0), new Level(101, 101, 0), new Level(100, 100, 0)], top.ToArray());
        Assert.Equal(new Level(103, 1030, 0), book.BestAsk);
        Assert.Equal(4, book.LevelCount(Side.Bid));
        Assert.Equal(new Level(105, 1050, 0), book.LevelAt(Side.Ask, 2));
        Assert.True(book.LevelAt(Side.Ask, 3).IsEmpty);
    }

    [Fact]
    public void Update_replaces_size_and_zero_or_delete_removes_the_level()
    {
        var book = new L2Book(Instrument);
        book.Apply(Delta(Side.Bid, 100, 5));
        book.Apply(Delta(Side.Bid, 99, 7));
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 100, 9, BookAction.Update)));
        Assert.Equal(9, book.BestBid.Size);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 100, 0, BookAction.Update)));
        Assert.Equal(99, book.BestBid.Price);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 99, 0, BookAction.Delete)));
        Assert.Equal(0, book.LevelCount(Side.Bid));
    }

    [Fact]
    public void Bad_deltas_are_counted_and_leave_the_book_unchanged()
    {
        var book = new L2Book(Instrument);
        book.Apply(Delta(Side.Ask, 100, 5));
        long version = book.Version;

        Assert.Equal(ApplyResult.MissingLevel, book.Apply(Delta(Side.Ask, 101, 0, BookAction.Delete)));
        Assert.Equal(ApplyResult.MissingLevel, book.Apply(Delta(Side.Ask, 101, 3, BookAction.Update)));
        Assert.Equal(ApplyResult.InvalidSize, book.Apply(Delta(Side.Ask, 100, -1)));
        Assert.Equal(ApplyResult.InvalidSize, book.Apply(Delta(Side.Ask, 100, 0)));
        Assert.Equal(ApplyResult.MalformedEvent, book.Apply(Delta(Side.Ask, 100, 1, (BookAction)99)));

        Assert.Equal(version, book.Version);
        Assert.Equal(new Level(100, 5, 0), book.BestAsk);
        Assert.Equal(2, book.Errors.MissingLevel);
        Assert.Equal(2, book.Errors.InvalidSize);
        Assert.Equal(1, book.Errors.MalformedEvent);
    }

    [Fact]
    public void A_snapshot_batch_replaces_the_book_and_clears_resync()
    {
        var book = new L2Book(Instrument);
        book.Apply(Delta(Side.Bid, 90, 1, sequence: 1));
        book.Apply(Delta(Side.Bid, 91, 1, sequence: 5)); // gap
        Assert.True(book.ResyncRequired);

        book.Apply(Delta(Side.Bid, 100, 3, sequence: 10, flags: DeltaFlags.Snapshot));
        Assert.Equal(new Level(100, 3, 0), book.BestBid);
        Assert.Equal(1, book.LevelCount(Side.Bid)); // the old levels are gone as soon as the snapshot starts
        book.Apply(Delta(Side.Ask, 101, 4, sequence: 10, flags: DeltaFlags.Snapshot | DeltaFlags.LastInBatch));

        Assert.False(book.ResyncRequired);
        Assert.Equal(10, book.Sequence);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 99, 2, sequence: 11)));
        Assert.Equal(2, book.LevelCount(Side.Bid));
    }

    [Fact]
    public void Zero_sizes_and_deletes_inside_a_snapshot_mean_absent_levels_and_unknown_actions_are_counted()
    {
        var book = new L2Book(Instrument);
        book.Apply(Delta(Side.Bid, 100, 3, flags: DeltaFlags.Snapshot));
        book.Apply(Delta(Side.Bid, 99, 3, flags: DeltaFlags.Snapshot));
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 100, 0, BookAction.Update, flags: DeltaFlags.Snapshot)));
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 98, 0, BookAction.Delete, flags: DeltaFlags.Snapshot)));
        Assert.Equal(ApplyResult.MalformedEvent, book.Apply(Delta(Side.Bid, 97, 1, (BookAction)42, flags: DeltaFlags.Snapshot)));
        Assert.Equal(ApplyResult.InvalidSize, book.Apply(Delta(Side.Bid, 96, -1, flags: DeltaFlags.Snapshot | DeltaFlags.LastInBatch)));

        Assert.Equal([new Level(99, 3, 0)], new[] { book.BestBid });
        Assert.Equal(1, book.LevelCount(Side.Bid));
        Assert.Equal((1L, 1L), (book.Errors.MalformedEvent, book.Errors.InvalidSize));
    }

    [Fact]
    public void Sequence_gaps_set_resync_and_duplicates_are_ignored()
    {
        var book = new L2Book(Instrument);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 100, 1, sequence: 7)));
        Assert.Equal(ApplyResult.Duplicate, book.Apply(Delta(Side.Bid, 100, 9, sequence: 7)));
        Assert.Equal(1, book.BestBid.Size);
        Assert.Equal(ApplyResult.AppliedAfterGap, book.Apply(Delta(Side.Bid, 100, 2, sequence: 9)));
        Assert.True(book.ResyncRequired);
        Assert.Equal(2, book.BestBid.Size);
        Assert.Equal(1, book.Errors.SequenceGaps);
        Assert.Equal(1, book.Errors.DuplicateSequence);

        book.LoadSnapshot([new Level(100, 4, 0)], [], sequence: 20);
        Assert.False(book.ResyncRequired);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 100, 5, sequence: 21)));
    }

    [Fact]
    public void Deltas_of_one_batch_share_a_sequence_number()
    {
        var book = new L2Book(Instrument);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 100, 1, sequence: 3, flags: DeltaFlags.None)));
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Ask, 101, 1, sequence: 3)));
        Assert.Equal(ApplyResult.Duplicate, book.Apply(Delta(Side.Ask, 102, 1, sequence: 3)));
    }

    [Fact]
    public void Clear_removes_every_level()
    {
        var book = new L2Book(Instrument);
        book.Apply(Delta(Side.Bid, 100, 1));
        book.Apply(Delta(Side.Ask, 101, 1));
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 0, 0, BookAction.Clear)));
        Assert.Equal(0, book.LevelCount(Side.Bid) + book.LevelCount(Side.Ask));
    }

    [Fact]
    public void Far_prices_beyond_the_linear_probe_are_found_by_binary_search()
    {
        var book = new L2Book(Instrument);
        for (long price = 1; price <= 200; price += 2)
            book.Apply(Delta(Side.Ask, price, price));
        book.Apply(Delta(Side.Ask, 50, 7));
        Assert.Equal(7, book.SizeAt(Side.Ask, 50));
        Assert.Equal(51, book.SizeAt(Side.Ask, 51));
        Assert.Equal(101, book.LevelCount(Side.Ask));
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Ask, 151, 0, BookAction.Delete)));
        Assert.Equal(0, book.SizeAt(Side.Ask, 151));
        Assert.Equal(1, book.BestAsk.Price);
    }
}
