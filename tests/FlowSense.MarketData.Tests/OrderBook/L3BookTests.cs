using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using static FlowSense.MarketData.Tests.OrderBook.BookEvents;

namespace FlowSense.MarketData.Tests.OrderBook;

public class L3BookTests
{
    [Fact]
    public void Orders_aggregate_into_levels_with_counts()
    {
        var book = new L3Book(Instrument);
        book.Apply(Add(1, Side.Bid, 100, 10));
        book.Apply(Add(2, Side.Bid, 100, 5));
        book.Apply(Add(3, Side.Bid, 99, 7));
        book.Apply(Add(4, Side.Ask, 102, 3));

        Assert.Equal(new Level(100, 15, 2), book.BestBid);
        Assert.Equal(new Level(99, 7, 1), book.LevelAt(Side.Bid, 1));
        Assert.Equal(new Level(102, 3, 1), book.BestAsk);
        Assert.Equal(4, book.OrderCount);
    }

    [Fact]
    public void Queues_are_first_in_first_out_and_a_replace_loses_priority()
    {
        var book = new L3Book(Instrument);
        book.Apply(Add(1, Side.Bid, 100, 10));
        book.Apply(Add(2, Side.Bid, 100, 5));
        book.Apply(Add(3, Side.Bid, 100, 6));
        Assert.Equal(ApplyResult.Applied, book.Apply(Replace(1, 9, 100, 8)));

        Span<RestingOrder> queue = stackalloc RestingOrder[8];
        int n = book.OrdersAt(Side.Bid, 100, queue);
        Assert.Equal([2L, 3L, 9L], queue[..n].ToArray().Select(o => o.OrderId));
        Assert.Equal(new Level(100, 19, 3), book.BestBid);
        Assert.False(book.TryGetOrder(1, out _));
    }

    [Fact]
    public void Cancels_and_executions_reduce_and_then_remove_the_order()
    {
        var book = new L3Book(Instrument);
        book.Apply(Add(1, Side.Ask, 100, 10));
        book.Apply(Add(2, Side.Ask, 101, 4));

        Assert.Equal(ApplyResult.Applied, book.Apply(Cancel(1, 3)));
        Assert.Equal(ApplyResult.Applied, book.Apply(Execute(1, 2)));
        Assert.Equal(new Level(100, 5, 1), book.BestAsk);
        Assert.Equal(ApplyResult.Applied, book.Apply(Execute(1, 5)));
        Assert.Equal(new Level(101, 4, 1), book.BestAsk);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delete(2)));
        Assert.Equal(0, book.LevelCount(Side.Ask));
        Assert.Equal(0, book.OrderCount);
    }

    [Fact]
    public void Bad_events_are_counted_by_category_and_change_nothing()
    {
        var book = new L3Book(Instrument);
        book.Apply(Add(1, Side.Bid, 100, 10));
        long version = book.Version;

        Assert.Equal(ApplyResult.UnknownOrder, book.Apply(Cancel(42, 1)));
        Assert.Equal(ApplyResult.UnknownOrder, book.Apply(Delete(42)));
        Assert.Equal(ApplyResult.UnknownOrder, book.Apply(Replace(42, 43, 100, 1)));
        Assert.Equal(ApplyResult.DuplicateOrderId, book.Apply(Add(1, Side.Bid, 101, 1)));
        Assert.Equal(ApplyResult.InvalidSize, book.Apply(Add(2, Side.Bid, 101, -5)));
        Assert.Equal(ApplyResult.InvalidSize, book.Apply(Cancel(1, 0)));
        Assert.Equal(ApplyResult.Overfill, book.Apply(Execute(1, 11)));
        Assert.Equal(ApplyResult.Overfill, book.Apply(Cancel(1, 11)));
        Assert.Equal(ApplyResult.MalformedEvent, book.Apply(Cancel(1, 1) with { Action = (OrderAction)99 }));

        Assert.Equal(version, book.Version);
        Assert.Equal(new Level(100, 10, 1), book.BestBid);
        Assert.Equal(3, book.Errors.UnknownOrder);
        Assert.Equal(1, book.Errors.DuplicateOrderId);
        Assert.Equal(2, book.Errors.InvalidSize);
        Assert.Equal(2, book.Errors.Overfill);
        Assert.Equal(1, book.Errors.MalformedEvent);
    }

    [Fact]
    public void Unknown_orders_reduce_seeded_liquidity_at_their_price_and_nothing_else()
    {
        var book = new L3Book(Instrument);
        book.LoadSnapshot([new Level(100, 50, 0)], [new Level(101, 30, 0)], sequence: 0);
        book.Apply(Add(7, Side.Bid, 100, 5)); // joins the queue behind the seeded liquidity

        Assert.Equal(ApplyResult.AppliedToSeeded, book.Apply(Execute(1234, 20, Side.Bid, 100)));
        Assert.Equal(new Level(100, 35, 2), book.BestBid);
        Assert.Equal(ApplyResult.AppliedToSeeded, book.Apply(Delete(1235, Side.Ask, 101, 30)));
        Assert.Equal(0, book.LevelCount(Side.Ask));

        Assert.Equal(ApplyResult.Overfill, book.Apply(Cancel(1236, 31, Side.Bid, 100)));
        Assert.Equal(ApplyResult.UnknownOrder, book.Apply(Cancel(1237, 1, Side.Bid, 99))); // no level there
        Assert.Equal(ApplyResult.UnknownOrder, book.Apply(Delete(1238, Side.Bid, 100, 0))); // no size: cannot attribute

        Assert.Equal(ApplyResult.AppliedToSeeded, book.Apply(Cancel(1239, 30, Side.Bid, 100)));
        Assert.Equal(new Level(100, 5, 1), book.BestBid);
        Assert.Equal(ApplyResult.UnknownOrder, book.Apply(Cancel(1240, 1, Side.Bid, 100))); // only order 7 is left
        Assert.Equal(3, book.SeededReductions);
    }

    [Fact]
    public void Pooled_slots_are_reused_after_removal()
    {
        var book = new L3Book(Instrument);
        for (int round = 0; round < 3; round++)
        {
            for (long id = 1; id <= 100; id++)
                Assert.Equal(ApplyResult.Applied, book.Apply(Add(id, Side.Bid, 100 - (id % 7), id)));
            for (long id = 1; id <= 100; id++)
                Assert.Equal(ApplyResult.Applied, book.Apply(Delete(id)));
            Assert.Equal(0, book.OrderCount);
            Assert.Equal(0, book.LevelCount(Side.Bid));
        }
    }

    [Fact]
    public void L1_book_tracks_quotes_and_the_last_trade()
    {
        var book = new L1Book(Instrument);
        book.Apply(new Quote(Header(3), 100, 5, 101, 0));
        Assert.Equal(new Level(100, 5, 0), book.BestBid);
        Assert.Equal(0, book.LevelCount(Side.Ask));
        book.Apply(new Trade(Header(4), 101, 2, Aggressor.Buyer));
        Assert.Equal((101L, 2L, Aggressor.Buyer), (book.LastTradePrice, book.LastTradeSize, book.LastAggressor));
        Assert.Equal(4, book.Sequence);
        Assert.Equal(ApplyResult.InvalidSize, book.Apply(new Quote(Header(5), 100, -1, 101, 1)));
    }
}
