using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Itch;

/// <summary>Keeps every event a codec delivers, for assertions.</summary>
internal sealed class RecordingSink : IMarketEventSink
{
    public List<Trade> Trades { get; } = [];
    public List<Quote> Quotes { get; } = [];
    public List<BookDelta> Deltas { get; } = [];
    public List<OrderEvent> Orders { get; } = [];
    public List<StatusEvent> Statuses { get; } = [];

    public void OnTrade(in Trade trade) => Trades.Add(trade);
    public void OnQuote(in Quote quote) => Quotes.Add(quote);
    public void OnBookDelta(in BookDelta delta) => Deltas.Add(delta);
    public void OnOrder(in OrderEvent order) => Orders.Add(order);
    public void OnStatus(in StatusEvent status) => Statuses.Add(status);
}
