namespace FlowSense.Management.Contract;

/// <summary>The symbols a node owns (<c>GET /api/v1/symbols</c>).</summary>
public sealed record SymbolList(IReadOnlyList<SymbolSummary> Symbols);

/// <summary>One line of <see cref="SymbolList"/>.</summary>
/// <param name="Symbol">The instrument, <c>VENUE:SYMBOL</c> (the key of every per-symbol route).</param>
/// <param name="Shard">The shard that owns it.</param>
/// <param name="Events">Events its actor applied.</param>
/// <param name="BestBid">Best bid price, null on an empty side.</param>
/// <param name="BestAsk">Best ask price, null on an empty side.</param>
public sealed record SymbolSummary(string Symbol, int Shard, long Events, decimal? BestBid, decimal? BestAsk)
{
    /// <summary>Why the symbol stopped processing (its snapshot cannot be restored), with what to do; null while healthy.</summary>
    public string? Failure { get; init; }
}
