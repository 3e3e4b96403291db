namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// The outcome of applying one event to a book. Books never throw for bad input: every refusal is a result here
/// and a count in <see cref="BookErrorCounts"/>. Results from <see cref="Duplicate"/> on mean the book is unchanged.
/// </summary>
public enum ApplyResult : byte
{
    /// <summary>The event was applied.</summary>
    Applied = 0,
    /// <summary>
    /// The event referred to an order the book does not know, and was applied to the seeded (anonymous) liquidity
    /// at its price: the order rested before the book's snapshot was taken. See <see cref="L3Book"/>.
    /// </summary>
    AppliedToSeeded = 1,
    /// <summary>Applied, and the book is now crossed (policy <see cref="CrossedBookPolicy.Flag"/>).</summary>
    AppliedCrossed = 2,
    /// <summary>Applied, and the opposite levels it crossed were removed (policy <see cref="CrossedBookPolicy.ClearStaleLevels"/>).</summary>
    AppliedClearedStale = 3,
    /// <summary>
    /// Applied, but one or more sequence numbers were missed before it: <see cref="IBookView.ResyncRequired"/> is set.
    /// (When the same event is also refused or crosses the book, that result is returned instead; the gap is still
    /// counted and flagged.)
    /// </summary>
    AppliedAfterGap = 4,

    /// <summary>Ignored: its sequence number is at or below the last one applied.</summary>
    Duplicate = 16,
    /// <summary>Refused: it would cross the book (policy <see cref="CrossedBookPolicy.Reject"/>).</summary>
    RejectedCrossed = 17,
    /// <summary>Refused: the order id is not in the book and no seeded liquidity could account for it.</summary>
    UnknownOrder = 18,
    /// <summary>Refused: an add (or a replace's new id) reuses an order id that is still resting.</summary>
    DuplicateOrderId = 19,
    /// <summary>Refused: a size that is zero or negative where a positive one is required.</summary>
    InvalidSize = 20,
    /// <summary>Refused: a cancel or execution larger than the order's (or level's) remaining size.</summary>
    Overfill = 21,
    /// <summary>Refused: an update or delete of a price level that does not exist.</summary>
    MissingLevel = 22,
    /// <summary>Refused: the event's action is not one the book knows (a corrupt or newer message).</summary>
    MalformedEvent = 23,
}

/// <summary>Helpers for <see cref="ApplyResult"/>.</summary>
public static class ApplyResultExtensions
{
    /// <summary>True when the event changed (or was allowed to change) the book.</summary>
    public static bool IsApplied(this ApplyResult result) => result < ApplyResult.Duplicate;
}
