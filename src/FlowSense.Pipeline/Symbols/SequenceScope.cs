namespace FlowSense.Pipeline.Symbols;

/// <summary>What a source's sequence numbers count, which decides whether a jump is a gap.</summary>
public enum SequenceScope : byte
{
    /// <summary>
    /// One contiguous sequence per instrument and event kind (LOBSTER rows, LEAN lines): a jump is a gap, counted,
    /// and a resync is requested.
    /// </summary>
    PerInstrument = 1,
    /// <summary>
    /// Numbers that skip by design for any one instrument: ITCH numbers messages across every stock; Binance's update
    /// ids advance by the updates a diff folds; Coinbase numbers every message of a product on its full channel, of
    /// which a level2/matches subscriber sees a subset. Only duplicates (a number at or below the last) are detected;
    /// venue codecs check their feed's continuity themselves.
    /// </summary>
    DuplicatesOnly = 2,
}
