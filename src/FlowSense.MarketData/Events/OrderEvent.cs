namespace FlowSense.MarketData.Events;

/// <summary>What an L3 (order-by-order) event does to one order.</summary>
public enum OrderAction : byte
{
    /// <summary>A new resting order.</summary>
    Add = 1,
    /// <summary>Reduce the order's size by <see cref="OrderEvent.Size"/> (partial cancel).</summary>
    Cancel = 2,
    /// <summary>Remove the order entirely.</summary>
    Delete = 3,
    /// <summary>Reduce the order's size by <see cref="OrderEvent.Size"/> because it traded.</summary>
    Execute = 4,
    /// <summary>Replace the order with <see cref="OrderEvent.NewOrderId"/> at a new price and size; it loses queue priority.</summary>
    Replace = 5,
}

/// <summary>A level-3 event for one order. For Execute, <see cref="Price"/> is the execution price when the feed gives it, else 0.</summary>
public readonly record struct OrderEvent(
    EventHeader Header, OrderAction Action, long OrderId, Side Side, long Price, long Size, long NewOrderId = 0);
