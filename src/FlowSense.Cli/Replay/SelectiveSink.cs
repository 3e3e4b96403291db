using FlowSense.MarketData.Events;

namespace FlowSense.Cli.Replay;

/// <summary>A sink for tools that want one or two kinds of event: every kind is ignored unless overridden.</summary>
internal abstract class SelectiveSink : IMarketEventSink
{
    public virtual void OnTrade(in Trade trade)
    {
    }

    public virtual void OnQuote(in Quote quote)
    {
    }

    public virtual void OnBookDelta(in BookDelta delta)
    {
    }

    public virtual void OnOrder(in OrderEvent order)
    {
    }

    public virtual void OnStatus(in StatusEvent status)
    {
    }
}
