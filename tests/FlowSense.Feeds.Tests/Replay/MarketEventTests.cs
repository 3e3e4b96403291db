using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Tests.Itch;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Tests.Replay;

/// <summary>The tagged union gives back exactly the payload it was made from, for every kind.</summary>
public sealed class MarketEventTests
{
    private static readonly EventHeader H = new(new InstrumentId("NASDAQ", "AAPL"), 1_000, 2_000, 7);

    [Fact]
    public void Every_kind_round_trips()
    {
        var trade = new Trade(H, 5853300, 18, Aggressor.Seller, 0x41, "T1");
        var quote = new Quote(H, 100, 2, 101, 3);
        var delta = new BookDelta(H, Side.Ask, 101, 0, BookAction.Delete, DeltaFlags.Snapshot);
        var order = new OrderEvent(H, OrderAction.Replace, 42, Side.Bid, 99, 5, 43);
        var status = new StatusEvent(H, TradingStatus.Halted, "LUDP");

        Assert.Equal(trade, MarketEvent.From(trade).AsTrade());
        Assert.Equal(quote, MarketEvent.From(quote).AsQuote());
        Assert.Equal(delta, MarketEvent.From(delta).AsBookDelta());
        Assert.Equal(order, MarketEvent.From(order).AsOrder());
        Assert.Equal(status, MarketEvent.From(status).AsStatus());
        Assert.Equal(MarketEventKind.Order, MarketEvent.From(order).Kind);
        Assert.Equal(H, MarketEvent.From(status).Header);
    }

    [Fact]
    public void Random_payloads_round_trip_bit_for_bit()
    {
        var random = new Random(20261122);
        long L() => random.NextInt64(long.MinValue, long.MaxValue);
        for (int i = 0; i < 2_000; i++)
        {
            var h = new EventHeader(new InstrumentId("V" + random.Next(10), "S" + random.Next(1000)), L(), L(), L());
            var side = (Side)random.Next(1, 3);
            var trade = new Trade(h, L(), L(), (Aggressor)random.Next(0, 3), (uint)random.Next(), random.Next(2) == 0 ? null : "id" + i);
            var quote = new Quote(h, L(), L(), L(), L());
            var delta = new BookDelta(h, side, L(), L(), (BookAction)random.Next(1, 5), (DeltaFlags)random.Next(0, 4));
            var order = new OrderEvent(h, (OrderAction)random.Next(1, 6), L(), side, L(), L(), L());
            var status = new StatusEvent(h, (TradingStatus)random.Next(1, 5), random.Next(2) == 0 ? null : "why" + i);

            Assert.Equal(trade, MarketEvent.From(trade).AsTrade());
            Assert.Equal(quote, MarketEvent.From(quote).AsQuote());
            Assert.Equal(delta, MarketEvent.From(delta).AsBookDelta());
            Assert.Equal(order, MarketEvent.From(order).AsOrder());
            Assert.Equal(status, MarketEvent.From(status).AsStatus());
        }
    }

    [Fact]
    public void Asking_for_the_wrong_kind_throws()
    {
        var e = MarketEvent.From(new Quote(H, 1, 1, 2, 1));
        Assert.Throws<InvalidOperationException>(() => e.AsTrade());
        Assert.Throws<InvalidOperationException>(() => default(MarketEvent).DispatchTo(new RecordingSink()));
    }

    [Fact]
    public void Events_that_differ_in_one_field_are_not_equal()
    {
        var a = MarketEvent.From(new OrderEvent(H, OrderAction.Add, 1, Side.Bid, 100, 10));
        Assert.Equal(a, MarketEvent.From(new OrderEvent(H, OrderAction.Add, 1, Side.Bid, 100, 10)));
        Assert.NotEqual(a, MarketEvent.From(new OrderEvent(H, OrderAction.Add, 1, Side.Ask, 100, 10)));
        Assert.NotEqual(a, MarketEvent.From(new OrderEvent(H, OrderAction.Add, 1, Side.Bid, 100, 11)));
    }

    [Fact]
    public void A_batch_dispatches_its_events_in_order()
    {
        var sink = new EventBatchSink(2);
        sink.OnTrade(new Trade(H, 1, 1, Aggressor.Buyer));
        sink.OnOrder(new OrderEvent(H, OrderAction.Add, 1, Side.Bid, 1, 1));
        Assert.True(sink.IsFull);
        sink.OnStatus(new StatusEvent(H, TradingStatus.Trading)); // past capacity: kept, never dropped
        var first = sink.TakeFirst(1)!;
        var rest = sink.TakeBatch()!;
        Assert.Null(sink.TakeBatch());

        var recording = new RecordingSink();
        first.DispatchTo(recording);
        rest.DispatchTo(recording);
        Assert.Single(recording.Trades);
        Assert.Single(recording.Orders);
        Assert.Single(recording.Statuses);
        Assert.Equal(1, first.Count);
        Assert.Equal(2, rest.Count);
        Assert.Equal(MarketEventKind.Status, rest[1].Kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => rest[2]);
    }
}
