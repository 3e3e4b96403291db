namespace FlowSense.Pipeline.Symbols;

/// <summary>What a source's sequence numbers count, which decides whether a jump is a gap.</summary>
public enum SequenceScope : byte
{
    /// <summary>
    /// One contiguous sequence per instrument and event kind (LOBSTER rows, LEAN lines, exchange update ids): a jump
    /// is a gap, counted, and a resync is requested.
    /// </summary>
    PerInstrument = 1,
    /// <summary>
    /// One sequence across every instrument of the venue (ITCH message numbers): each instrument sees jumps by design,
    /// so only duplicates (a number at or below the last) are detected.
    /// </summary>
    VenueWide = 2,
    /// <summary>
    /// One sequence per instrument that skips numbers by design (Binance's update ids advance by the updates a diff
    /// folds; Coinbase numbers every message of a product on its full channel, and a level2/matches subscriber sees a
    /// subset): only duplicates are detected, and the venue's codec checks continuity itself.
    /// </summary>
    Sparse = 3,
}
