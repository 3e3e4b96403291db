using FlowSense.Feeds.Itch;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Itch;

/// <summary>The tape completed from executions, on the RITCH sample (198 'E' executions, 5000 'P' trades) and by hand.</summary>
public class ItchTapeTests
{
    [Fact]
    public void Every_execution_of_an_order_in_the_book_becomes_a_trade_beside_the_hidden_trades()
    {
        var recorded = new RecordingSink();
        var tape = new ItchTape(recorded);
        var translator = new ItchEventTranslator(tape, ItchEventTranslator.MidnightUtcNs(new DateOnly(2010, 12, 24)));
        using var file = File.OpenRead(SharedData.File("itch", "ex20101224.TEST_ITCH_50"));
        Assert.True(new ItchStreamReader("itch:sample", new Quarantine.Quarantine()).ReadAll(file, ref translator));

        // The synthetic file executes some order references it never added (18 of the 198 'E's): those cannot be priced.
        var added = new HashSet<long>();
        int neverAdded = 0;
        foreach (OrderEvent order in recorded.Orders)
        {
            if (order.Action == OrderAction.Add)
                added.Add(order.OrderId);
            else if (order.Action == OrderAction.Replace)
                added.Add(order.NewOrderId);
            else if (order.Action == OrderAction.Execute && !added.Contains(order.OrderId))
                neverAdded++;
        }
        Assert.Equal(198, recorded.Orders.Count(o => o.Action == OrderAction.Execute));
        Assert.Equal(18, neverAdded);
        Assert.Equal(neverAdded, tape.UnmatchedExecutions);
        Assert.Equal(5000 + 198 - neverAdded, recorded.Trades.Count);
        Assert.All(recorded.Trades, t => Assert.True(t.Price > 0 && t.Size > 0));
    }

    [Fact]
    public void An_execution_prints_at_the_resting_price_with_the_opposite_aggressor()
    {
        var recorded = new RecordingSink();
        var tape = new ItchTape(recorded);
        var header = new EventHeader(new InstrumentId("NASDAQ", "X"), 1, 1, 0);
        tape.OnOrder(new OrderEvent(header, OrderAction.Add, 7, Side.Ask, 1_000_500, 300));
        tape.OnOrder(new OrderEvent(header, OrderAction.Execute, 7, default, 0, 100));
        tape.OnOrder(new OrderEvent(header, OrderAction.Execute, 99, default, 0, 100));

        Trade trade = Assert.Single(recorded.Trades);
        Assert.Equal((1_000_500L, 100L, Aggressor.Buyer), (trade.Price, trade.Size, trade.Aggressor));
        Assert.Equal(1, tape.UnmatchedExecutions);
        Assert.Equal(200, tape.Book(header.Instrument)!.BestAsk.Size);
    }
}
