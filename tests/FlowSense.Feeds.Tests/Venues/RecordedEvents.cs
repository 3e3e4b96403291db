using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Venues;

/// <summary>Keeps every event a venue codec publishes.</summary>
internal sealed class RecordedEvents : IMarketEventSink
{
    public List<Trade> Trades { get; } = [];
    public List<Quote> Quotes { get; } = [];
    public List<BookDelta> Deltas { get; } = [];

    public void OnTrade(in Trade trade) => Trades.Add(trade);
    public void OnQuote(in Quote quote) => Quotes.Add(quote);
    public void OnBookDelta(in BookDelta delta) => Deltas.Add(delta);
    public void OnOrder(in OrderEvent order) { }
    public void OnStatus(in StatusEvent status) { }
}
