using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using static FlowSense.MarketData.Tests.OrderBook.BookEvents;

namespace FlowSense.MarketData.Tests.OrderBook;

/// <summary>
/// <see cref="LevelBook.TakeShallowestChange"/> lets the top-N reader skip unchanged levels, so it may over-report but
/// must never miss a change above the depth it reports: inserts and removals move every deeper level.
/// </summary>
public class ShallowestChangeTests
{
    [Fact]
    public void A_new_book_reports_everything_changed_and_a_quiet_one_nothing()
    {
        var book = new L3Book(Instrument);
        Assert.Equal(0, book.TakeShallowestChange());
        Assert.Equal(int.MaxValue, book.TakeShallowestChange());
    }

    [Fact]
    public void Each_event_reports_the_depth_it_touched_on_either_side()
    {
        var book = new L3Book(Instrument);
        for (int i = 0; i < 5; i++)
        {
            book.Apply(Add(1 + i, Side.Bid, 100 - i, 10));
            book.Apply(Add(101 + i, Side.Ask, 110 + i, 10));
        }
        book.TakeShallowestChange();

        book.Apply(Add(50, Side.Ask, 113, 4));         // joins the level at depth 3
        Assert.Equal(3, book.TakeShallowestChange());
        book.Apply(Add(51, Side.Bid, 95, 4));          // a new level at depth 5, the worst
        Assert.Equal(5, book.TakeShallowestChange());
        book.Apply(Execute(3, 10));                    // empties bid depth 2: depths 2.. move up
        Assert.Equal(2, book.TakeShallowestChange());
        book.Apply(Add(52, Side.Bid, 101, 1));         // a new best bid
        Assert.Equal(0, book.TakeShallowestChange());
    }

    [Fact]
    public void Reads_and_refused_events_report_no_change()
    {
        var book = new L3Book(Instrument);
        book.Apply(Add(1, Side.Bid, 100, 10));
        book.Apply(Add(2, Side.Ask, 101, 10));
        book.TakeShallowestChange();

        _ = book.IsCrossed;
        _ = book.SizeAt(Side.Bid, 100);
        _ = book.BestAsk;
        Assert.False(book.Apply(Execute(1, 11)).IsApplied()); // overfill: refused
        Assert.False(book.Apply(Delete(99)).IsApplied());     // unknown order
        Assert.Equal(int.MaxValue, book.TakeShallowestChange());
    }

    [Fact]
    public void Changes_accumulate_until_taken_and_clearing_reports_the_top()
    {
        var book = new L2Book(Instrument);
        book.Apply(Delta(Side.Bid, 100, 5));
        book.Apply(Delta(Side.Bid, 99, 5));
        book.Apply(Delta(Side.Bid, 98, 5));
        book.TakeShallowestChange();
        book.Apply(Delta(Side.Bid, 98, 7, BookAction.Update));
        book.Apply(Delta(Side.Bid, 99, 7, BookAction.Update));
        Assert.Equal(1, book.TakeShallowestChange());
        book.Clear();
        Assert.Equal(0, book.TakeShallowestChange());
    }
}
