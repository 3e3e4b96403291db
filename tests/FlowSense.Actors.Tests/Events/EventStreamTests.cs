namespace FlowSense.Actors.Tests.Events;

public sealed class EventStreamTests : TestKit.TestKit
{
    private abstract record MarketEvent(string Symbol);

    private sealed record TradeEvent(string Symbol, decimal Price) : MarketEvent(Symbol);

    private sealed record QuoteEvent(string Symbol) : MarketEvent(Symbol);

    [Fact]
    public void Subscribers_to_a_base_type_receive_derived_events()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(MarketEvent));
        Sys.EventStream.Publish(new TradeEvent("AAPL", 1.5m));
        Sys.EventStream.Publish(new QuoteEvent("MSFT"));
        Sys.EventStream.Publish("not a market event");
        ExpectMsg<TradeEvent>(t => t.Symbol == "AAPL");
        ExpectMsg<QuoteEvent>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unsubscribe_stops_delivery_and_duplicate_subscriptions_are_ignored()
    {
        Assert.True(Sys.EventStream.Subscribe(TestActor.Ref, typeof(TradeEvent)));
        Assert.False(Sys.EventStream.Subscribe(TestActor.Ref, typeof(TradeEvent)));
        Sys.EventStream.Publish(new TradeEvent("A", 1));
        ExpectMsg<TradeEvent>();
        Sys.EventStream.Unsubscribe(TestActor.Ref);
        Sys.EventStream.Publish(new TradeEvent("B", 2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Callback_subscriptions_are_removed_by_disposing()
    {
        var seen = new List<string>();
        IDisposable subscription = Sys.EventStream.Subscribe<MarketEvent>(e => seen.Add(e.Symbol));
        Sys.EventStream.Publish(new QuoteEvent("X"));
        subscription.Dispose();
        Sys.EventStream.Publish(new QuoteEvent("Y"));
        Assert.Equal(["X"], seen);
    }

    [Fact]
    public void Dead_letters_are_counted_and_published()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        long before = Sys.DeadLetterCount;
        Sys.DeadLetters.Tell("nowhere", null);
        DeadLetter letter = ExpectMsg<DeadLetter>();
        Assert.Equal("nowhere", letter.Message);
        Assert.Equal(DeadLetterReason.Sent, letter.Reason);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }
}
