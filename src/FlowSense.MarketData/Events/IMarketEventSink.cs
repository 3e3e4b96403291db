namespace FlowSense.MarketData.Events;

/// <summary>
/// Where a codec delivers the normalized events it decodes. Events are passed by reference and must be copied if
/// kept; implementations decide whether to batch, route or apply them.
/// </summary>
public interface IMarketEventSink
{
    void OnTrade(in Trade trade);

    void OnQuote(in Quote quote);

    void OnBookDelta(in BookDelta delta);

    void OnOrder(in OrderEvent order);

    void OnStatus(in StatusEvent status);
}
