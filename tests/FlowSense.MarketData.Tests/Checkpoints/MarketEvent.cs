using FlowSense.MarketData.Events;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>What a symbol replica is fed, in stream order.</summary>
internal enum MarketEventKind : byte
{
    Quote,
    Delta,
    Order,
    Trade,
    /// <summary>A timer tick at <see cref="MarketEvent.TimeNs"/> with no market event.</summary>
    Timer,
}

/// <summary>One event of any kind (only the field its kind names is meaningful).</summary>
internal readonly record struct MarketEvent(
    MarketEventKind Kind, long TimeNs, Quote Quote = default, BookDelta Delta = default, OrderEvent Order = default, Trade Trade = default)
{
    public static MarketEvent Of(in Quote quote) => new(MarketEventKind.Quote, quote.Header.ExchangeTimeNs, Quote: quote);

    public static MarketEvent Of(in BookDelta delta) => new(MarketEventKind.Delta, delta.Header.ExchangeTimeNs, Delta: delta);

    public static MarketEvent Of(in OrderEvent order) => new(MarketEventKind.Order, order.Header.ExchangeTimeNs, Order: order);

    public static MarketEvent Of(in Trade trade) => new(MarketEventKind.Trade, trade.Header.ExchangeTimeNs, Trade: trade);

    public static MarketEvent Timer(long timeNs) => new(MarketEventKind.Timer, timeNs);
}
