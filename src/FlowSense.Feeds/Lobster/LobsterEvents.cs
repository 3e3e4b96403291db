using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Lobster;

/// <summary>
/// What one LOBSTER row becomes: an order event for the book, a trade for the tape, a status change, or a
/// combination (a visible execution is both an order event and a trade). Check the Has* flags.
/// </summary>
public readonly struct LobsterEvents
{
    internal LobsterEvents(OrderEvent? order, Trade? trade, StatusEvent? status)
    {
        HasOrder = order.HasValue;
        Order = order.GetValueOrDefault();
        HasTrade = trade.HasValue;
        Trade = trade.GetValueOrDefault();
        HasStatus = status.HasValue;
        Status = status.GetValueOrDefault();
    }

    /// <summary>True when <see cref="Order"/> holds an event for an L3 book (types 1–4).</summary>
    public bool HasOrder { get; }

    /// <summary>The order event (valid when <see cref="HasOrder"/>).</summary>
    public OrderEvent Order { get; }

    /// <summary>True when <see cref="Trade"/> holds a print (types 4, 5, 6).</summary>
    public bool HasTrade { get; }

    /// <summary>The trade (valid when <see cref="HasTrade"/>).</summary>
    public Trade Trade { get; }

    /// <summary>True when <see cref="Status"/> holds a trading-status change (type 7).</summary>
    public bool HasStatus { get; }

    /// <summary>The status change (valid when <see cref="HasStatus"/>).</summary>
    public StatusEvent Status { get; }
}
