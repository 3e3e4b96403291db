namespace FlowSense.MarketData.Events;

/// <summary>The trading state of an instrument.</summary>
public enum TradingStatus : byte
{
    Trading = 1,
    Halted = 2,
    Paused = 3,
    Closed = 4,
}

/// <summary>A trading-status change (halt, resume, close).</summary>
public readonly record struct StatusEvent(EventHeader Header, TradingStatus Status, string? Reason = null);
