using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Venues;

/// <summary>Discards events but counts them, so a test can see that a codec produced something.</summary>
internal sealed class CountingSink : IMarketEventSink
{
    public long Trades, Quotes, Deltas, Orders, Statuses;

    public void OnTrade(in Trade trade) => Trades++;
    public void OnQuote(in Quote quote) => Quotes++;
    public void OnBookDelta(in BookDelta delta) => Deltas++;
    public void OnOrder(in OrderEvent order) => Orders++;
    public void OnStatus(in StatusEvent status) => Statuses++;
}
