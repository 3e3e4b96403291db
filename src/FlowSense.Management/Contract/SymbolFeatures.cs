namespace FlowSense.Management.Contract;

/// <summary>
/// A symbol's microstructure features (<c>GET /api/v1/symbols/{symbol}/features</c>). Prices are in the instrument's
/// currency; spreads are fractions of the mid; OFI is in the instrument's size units. Null marks a value that is
/// undefined (one-sided book, no trade yet) or not warmed up.
/// </summary>
/// <param name="Symbol">The instrument, <c>VENUE:SYMBOL</c>.</param>
/// <param name="Version">Changes whenever the symbol's state changes (the ETag of a follow).</param>
/// <param name="Time">The latest event's exchange time.</param>
/// <param name="BestBid">Best bid price.</param>
/// <param name="BestAsk">Best ask price.</param>
/// <param name="Mid">Mid price.</param>
/// <param name="Spread">Quoted spread, ask − bid.</param>
/// <param name="RelativeSpread">Quoted spread over the mid.</param>
/// <param name="Microprice">Size-weighted mid (Stoikov 2018).</param>
/// <param name="DepthImbalance">(Vb − Va)/(Vb + Va) at the best level.</param>
/// <param name="Ofi">Order-flow imbalance (Cont, Kukanov and Stoikov 2014) over the configured event window.</param>
/// <param name="Vpin">VPIN (Easley, López de Prado and O'Hara 2012) over the last n volume buckets.</param>
/// <param name="KyleLambda">Kyle's lambda, log return per √size.</param>
/// <param name="RealizedVolatility">Realized volatility of the log mid.</param>
/// <param name="EffectiveSpread">Mean effective spread of the recent trades.</param>
/// <param name="TradesPerSecond">Trade intensity.</param>
public sealed record SymbolFeatures(
    string Symbol, long Version, DateTimeOffset? Time, decimal? BestBid, decimal? BestAsk, double? Mid, decimal? Spread,
    double? RelativeSpread, double? Microprice, double? DepthImbalance, decimal? Ofi, double? Vpin, double? KyleLambda,
    double? RealizedVolatility, double? EffectiveSpread, double? TradesPerSecond)
{
    /// <summary>The volume of one VPIN bucket, in the instrument's size units: what <see cref="Vpin"/> is measured on.</summary>
    public decimal? VpinBucketVolume { get; init; }

    /// <summary>Whether <see cref="Vpin"/> is averaged over its full window of buckets (before that it covers fewer).</summary>
    public bool VpinReady { get; init; }

    /// <summary>
    /// Multi-level OFI (Xu, Gould and Howison 2019) over its event window, in size units, level 1 first (up to 10
    /// levels); empty before its first event. Its events are changes anywhere in those levels, so level 1 can differ
    /// from <see cref="Ofi"/>, whose events are changes of the best quotes.
    /// </summary>
    public IReadOnlyList<decimal> OfiByLevel { get; init; } = [];

    /// <summary>Why the symbol stopped processing (its snapshot cannot be restored), with what to do; null while healthy.</summary>
    public string? Failure { get; init; }
}
