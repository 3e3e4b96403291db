namespace FlowSense.MarketData.OrderBook;

/// <summary>How a book checks its input.</summary>
/// <param name="CrossedPolicy">What to do with an event that crosses the book.</param>
/// <param name="CheckSequence">
/// Check <see cref="Events.EventHeader.Sequence"/> for gaps and duplicates (events with sequence 0 are never checked).
/// Turn it off where the venue's sequence spans many instruments (ITCH), so that one book sees gaps by design.
/// </param>
public sealed record BookOptions(CrossedBookPolicy CrossedPolicy = CrossedBookPolicy.Flag, bool CheckSequence = true)
{
    /// <summary>Flag crossed books, check sequences.</summary>
    public static BookOptions Default { get; } = new();
}
