using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// One market event of any kind, as a stream element: a tagged union of <see cref="Trade"/>, <see cref="Quote"/>,
/// <see cref="BookDelta"/>, <see cref="OrderEvent"/> and <see cref="StatusEvent"/>. Every kind shares the
/// <see cref="EventHeader"/>; the rest of each payload is packed into four integers, a few small fields and one
/// string, so an array of events is one dense allocation with no boxing. Read a payload back with the
/// <c>As…</c> method of its <see cref="Kind"/>, or hand the event to a sink with <see cref="DispatchTo"/>.
/// </summary>
public readonly struct MarketEvent : IEquatable<MarketEvent>
{
    // Field use by kind (a = first long ... d = fourth):
    //   Trade:     a price, b size, conditions, small0 aggressor, text trade id
    //   Quote:     a bid, b bid size, c ask, d ask size
    //   BookDelta: a price, b size, small0 side, small1 action, small2 flags
    //   Order:     a order id, b price, c size, d new order id, small0 side, small1 action
    //   Status:    small0 status, text reason
    private readonly long _a, _b, _c, _d;
    private readonly uint _conditions;
    private readonly byte _small0, _small1, _small2;
    private readonly string? _text;

    private MarketEvent(MarketEventKind kind, in EventHeader header, long a, long b, long c, long d,
        byte small0 = 0, byte small1 = 0, byte small2 = 0, uint conditions = 0, string? text = null)
    {
        Kind = kind;
        Header = header;
        _a = a;
        _b = b;
        _c = c;
        _d = d;
        _small0 = small0;
        _small1 = small1;
        _small2 = small2;
        _conditions = conditions;
        _text = text;
    }

    public MarketEventKind Kind { get; }

    /// <summary>Venue and symbol, exchange and receive time, sequence number: common to every kind.</summary>
    public EventHeader Header { get; }

    public static MarketEvent From(in Trade trade) =>
        new(MarketEventKind.Trade, trade.Header, trade.Price, trade.Size, 0, 0, (byte)trade.Aggressor, conditions: trade.Conditions, text: trade.TradeId);

    public static MarketEvent From(in Quote quote) =>
        new(MarketEventKind.Quote, quote.Header, quote.BidPrice, quote.BidSize, quote.AskPrice, quote.AskSize);

    public static MarketEvent From(in BookDelta delta) =>
        new(MarketEventKind.BookDelta, delta.Header, delta.Price, delta.Size, 0, 0, (byte)delta.Side, (byte)delta.Action, (byte)delta.Flags);

    public static MarketEvent From(in OrderEvent order) =>
        new(MarketEventKind.Order, order.Header, order.OrderId, order.Price, order.Size, order.NewOrderId, (byte)order.Side, (byte)order.Action);

    public static MarketEvent From(in StatusEvent status) =>
        new(MarketEventKind.Status, status.Header, 0, 0, 0, 0, (byte)status.Status, text: status.Reason);

    public Trade AsTrade()
    {
        Expect(MarketEventKind.Trade);
        return new Trade(Header, _a, _b, (Aggressor)_small0, _conditions, _text);
    }

    public Quote AsQuote()
    {
        Expect(MarketEventKind.Quote);
        return new Quote(Header, _a, _b, _c, _d);
    }

    public BookDelta AsBookDelta()
    {
        Expect(MarketEventKind.BookDelta);
        return new BookDelta(Header, (Side)_small0, _a, _b, (BookAction)_small1, (DeltaFlags)_small2);
    }

    public OrderEvent AsOrder()
    {
        Expect(MarketEventKind.Order);
        return new OrderEvent(Header, (OrderAction)_small1, _a, (Side)_small0, _b, _c, _d);
    }

    public StatusEvent AsStatus()
    {
        Expect(MarketEventKind.Status);
        return new StatusEvent(Header, (TradingStatus)_small0, _text);
    }

    /// <summary>Calls the <paramref name="sink"/> method of this event's kind with the payload.</summary>
    public void DispatchTo(IMarketEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        switch (Kind)
        {
            case MarketEventKind.Trade: sink.OnTrade(AsTrade()); break;
            case MarketEventKind.Quote: sink.OnQuote(AsQuote()); break;
            case MarketEventKind.BookDelta: sink.OnBookDelta(AsBookDelta()); break;
            case MarketEventKind.Order: sink.OnOrder(AsOrder()); break;
            case MarketEventKind.Status: sink.OnStatus(AsStatus()); break;
            default: throw new InvalidOperationException("The default MarketEvent carries no event.");
        }
    }

    public bool Equals(MarketEvent other) =>
        Kind == other.Kind && Header == other.Header && _a == other._a && _b == other._b && _c == other._c && _d == other._d
        && _conditions == other._conditions && _small0 == other._small0 && _small1 == other._small1 && _small2 == other._small2
        && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is MarketEvent other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Header, _a, _b, _c, _d);

    public static bool operator ==(MarketEvent left, MarketEvent right) => left.Equals(right);

    public static bool operator !=(MarketEvent left, MarketEvent right) => !left.Equals(right);

    public override string ToString() => $"{Kind} {Header.Instrument} @{Header.ExchangeTimeNs}";

    private void Expect(MarketEventKind kind)
    {
        if (Kind != kind)
            throw new InvalidOperationException($"This event is a {Kind}, not a {kind}.");
    }
}
