using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Lobster;

/// <summary>The event types of a LOBSTER message file (column 2).</summary>
public enum LobsterMessageType : byte
{
    /// <summary>Submission of a new limit order.</summary>
    Submission = 1,
    /// <summary>Cancellation: partial deletion of a limit order (Size is the amount removed).</summary>
    Cancellation = 2,
    /// <summary>Deletion: total deletion of a limit order (Size is what it still had).</summary>
    Deletion = 3,
    /// <summary>Execution of a visible limit order.</summary>
    VisibleExecution = 4,
    /// <summary>Execution of a hidden limit order (the visible book does not change).</summary>
    HiddenExecution = 5,
    /// <summary>A cross trade, e.g. the opening or closing auction (order id -1 opening, -2 closing, -3/-4 other crosses).</summary>
    CrossTrade = 6,
    /// <summary>Trading halt indicator: price -1 halt begins, 0 quoting resumes, 1 trading resumes.</summary>
    TradingHalt = 7,
}

/// <summary>One decoded row of a LOBSTER message file, still in LOBSTER's terms.</summary>
/// <param name="LineNumber">1-based line in the file; also used as the event's sequence number.</param>
/// <param name="TimeNs">Nanoseconds after midnight, exchange local time (US Eastern for NASDAQ).</param>
/// <param name="Type">The event type.</param>
/// <param name="OrderId">LOBSTER's order reference (negative for cross trades).</param>
/// <param name="Size">Shares.</param>
/// <param name="Price">Dollar price × 10000 (for type 7, the halt indicator -1/0/1).</param>
/// <param name="Direction">Side of the limit order: 1 buy → <see cref="Side.Bid"/>, -1 sell → <see cref="Side.Ask"/>.</param>
public readonly record struct LobsterMessage(
    long LineNumber, long TimeNs, LobsterMessageType Type, long OrderId, long Size, long Price, Side Direction);
