namespace FlowSense.Pipeline.Symbols;

/// <summary>What <see cref="SymbolState.Apply"/> did with one event.</summary>
public enum EventOutcome : byte
{
    /// <summary>Applied.</summary>
    Applied = 0,
    /// <summary>Applied, but sequence numbers were skipped before it: the book is suspect and a resync is due.</summary>
    AppliedAfterGap = 1,
    /// <summary>Skipped: its sequence is at or below the last applied for its kind.</summary>
    Duplicate = 2,
    /// <summary>Refused by the book or the features, or malformed; counted.</summary>
    Rejected = 3,
    /// <summary>Not used by this book type (a quote beside an L2 book); counted.</summary>
    Skipped = 4,
}
