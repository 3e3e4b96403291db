using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using static FlowSense.MarketData.Tests.OrderBook.BookEvents;

namespace FlowSense.MarketData.Tests.OrderBook;

public class CrossedBookTests
{
    private static L2Book TwoSidedL2(CrossedBookPolicy policy)
    {
        var book = new L2Book(Instrument, new BookOptions(policy));
        book.LoadSnapshot([new Level(99, 1, 0), new Level(98, 1, 0)], [new Level(101, 1, 0), new Level(102, 1, 0), new Level(104, 1, 0)]);
        return book;
    }

    [Theory]
    [InlineData(CrossedBookPolicy.Flag)]
    [InlineData(CrossedBookPolicy.Reject)]
    [InlineData(CrossedBookPolicy.ClearStaleLevels)]
    public void A_locked_book_is_valid_under_every_policy(CrossedBookPolicy policy)
    {
        L2Book book = TwoSidedL2(policy);
        Assert.Equal(ApplyResult.Applied, book.Apply(Delta(Side.Bid, 101, 5)));
        Assert.True(book.IsLocked);
        Assert.False(book.IsCrossed);
        Assert.Equal(0, book.Errors.Crossed);
    }

    [Fact]
    public void Flag_applies_the_crossing_level_and_reports_it()
    {
        L2Book book = TwoSidedL2(CrossedBookPolicy.Flag);
        Assert.Equal(ApplyResult.AppliedCrossed, book.Apply(Delta(Side.Bid, 103, 5)));
        Assert.True(book.IsCrossed);
        Assert.Equal(103, book.BestBid.Price);
        Assert.Equal(3, book.LevelCount(Side.Ask));
        Assert.Equal(1, book.Errors.Crossed);
    }

    [Fact]
    public void Reject_refuses_the_crossing_level()
    {
        L2Book book = TwoSidedL2(CrossedBookPolicy.Reject);
        long version = book.Version;
        Assert.Equal(ApplyResult.RejectedCrossed, book.Apply(Delta(Side.Ask, 97, 5)));
        Assert.False(book.IsCrossed);
        Assert.Equal(version, book.Version);
        Assert.Equal(101, book.BestAsk.Price);
        Assert.Equal(1, book.Errors.Crossed);
    }

    [Fact]
    public void ClearStaleLevels_removes_the_opposite_levels_strictly_crossed()
    {
        L2Book book = TwoSidedL2(CrossedBookPolicy.ClearStaleLevels);
        Assert.Equal(ApplyResult.AppliedClearedStale, book.Apply(Delta(Side.Bid, 102, 5)));
        Assert.False(book.IsCrossed);
        Assert.True(book.IsLocked); // 102 stays: equal prices lock, they do not cross
        Assert.Equal(2, book.LevelCount(Side.Ask));
        Assert.Equal(1, book.Errors.StaleLevelsCleared);
    }

    [Fact]
    public void L3_ClearStaleLevels_forgets_the_orders_of_the_cleared_levels()
    {
        var book = new L3Book(Instrument, new BookOptions(CrossedBookPolicy.ClearStaleLevels));
        book.Apply(Add(1, Side.Ask, 101, 10));
        book.Apply(Add(2, Side.Ask, 101, 10));
        book.Apply(Add(3, Side.Ask, 103, 10));
        Assert.Equal(ApplyResult.AppliedClearedStale, book.Apply(Add(4, Side.Bid, 102, 1)));
        Assert.Equal(2, book.OrderCount);
        Assert.False(book.TryGetOrder(1, out _));
        Assert.Equal(ApplyResult.UnknownOrder, book.Apply(Delete(2)));
        Assert.Equal(new Level(103, 10, 1), book.BestAsk);
    }

    [Fact]
    public void L3_Reject_refuses_a_crossing_add_and_a_crossing_replace()
    {
        var book = new L3Book(Instrument, new BookOptions(CrossedBookPolicy.Reject));
        book.Apply(Add(1, Side.Ask, 101, 10));
        book.Apply(Add(2, Side.Bid, 99, 10));
        Assert.Equal(ApplyResult.RejectedCrossed, book.Apply(Add(3, Side.Bid, 102, 1)));
        Assert.Equal(ApplyResult.RejectedCrossed, book.Apply(Replace(2, 5, 102, 1)));
        Assert.True(book.TryGetOrder(2, out RestingOrder kept));
        Assert.Equal(99, kept.Price);
        Assert.Equal(2, book.OrderCount);
    }

    [Theory]
    [InlineData(CrossedBookPolicy.Flag, ApplyResult.AppliedCrossed, 102)]
    [InlineData(CrossedBookPolicy.ClearStaleLevels, ApplyResult.AppliedCrossed, 102)]
    [InlineData(CrossedBookPolicy.Reject, ApplyResult.RejectedCrossed, 0)]
    public void L1_crossed_quotes_follow_the_policy(CrossedBookPolicy policy, ApplyResult expected, long bidAfter)
    {
        var book = new L1Book(Instrument, policy);
        Assert.Equal(expected, book.Apply(new Quote(Header(), 102, 1, 101, 1)));
        Assert.Equal(bidAfter, book.BestBid.Price);
        Assert.Equal(ApplyResult.Applied, book.Apply(new Quote(Header(), 101, 1, 101, 1))); // locked
    }
}
