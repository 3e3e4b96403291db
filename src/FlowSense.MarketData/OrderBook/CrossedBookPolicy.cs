namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// What a book does when an event would leave the best bid strictly above the best ask.
/// A locked book (best bid equal to best ask) is valid and never triggers the policy.
/// </summary>
public enum CrossedBookPolicy : byte
{
    /// <summary>Apply the event, report <see cref="ApplyResult.AppliedCrossed"/> and keep going; <see cref="IBookView.IsCrossed"/> tells the state.</summary>
    Flag = 0,
    /// <summary>Refuse the event: the book stays as it was and the result is <see cref="ApplyResult.RejectedCrossed"/>.</summary>
    Reject = 1,
    /// <summary>
    /// Trust the newest event: apply it and remove the opposite levels it crosses (strictly better than its price),
    /// on the reasoning that those levels are stale (their removals were lost or are late). Nautilus Trader does the same.
    /// </summary>
    ClearStaleLevels = 2,
}
