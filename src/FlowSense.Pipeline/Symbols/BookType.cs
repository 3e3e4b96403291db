namespace FlowSense.Pipeline.Symbols;

/// <summary>Which book a symbol actor keeps, chosen by what its venue or source sends.</summary>
public enum BookType : byte
{
    /// <summary>Top of book only, from quotes (LEAN ticks, tickers).</summary>
    L1 = 1,
    /// <summary>Price levels, from book deltas and snapshots (crypto depth feeds).</summary>
    L2 = 2,
    /// <summary>Orders by id, from order events (ITCH, LOBSTER), with an aggregated L2 view.</summary>
    L3 = 3,
}
