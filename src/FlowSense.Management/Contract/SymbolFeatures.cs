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
    /// The windowed features still warming up, by name (<c>ofi</c>, <c>multiLevelOfi</c>, <c>postTradeSpreads</c>,
    /// <c>vpin</c>, <c>kyleLambda</c>, <c>realizedVariance</c>, <c>tradeIntensity</c>): their values cover less than
    /// their window so far (or, for the post-trade spreads, no trade has reached its horizon yet).
    /// </summary>
    public IReadOnlyList<string> WarmingUp { get; init; } = [];

    /// <summary>
    /// Multi-level OFI (Xu, Gould and Howison 2019) over its event window, in size units, level 1 first (up to 10
    /// levels); empty before its first event. Its events are changes anywhere in those levels, so level 1 can differ
    /// from <see cref="Ofi"/>, whose events are changes of the best quotes.
    /// </summary>
    public IReadOnlyList<decimal> OfiByLevel { get; init; } = [];

    /// <summary>Order-flow imbalance of the latest event, in size units.</summary>
    public decimal? OfiLastEvent { get; init; }

    /// <summary>Order-flow imbalance over the configured clock window, in size units.</summary>
    public decimal? OfiOverClock { get; init; }

    /// <summary>(Vb − Va)/(Vb + Va) over the configured number of levels.</summary>
    public double? DepthImbalanceOverLevels { get; init; }

    /// <summary>Stoikov's (2018) estimated micro-price; null when no table is configured or the book is outside it.</summary>
    public double? EstimatedMicroprice { get; init; }

    /// <summary>+1 buy, −1 sell, 0 unknown, for the latest trade.</summary>
    public int LastTradeSign { get; init; }

    /// <summary>Effective spread of the latest trade, 2q(P − m)/m.</summary>
    public double? LastEffectiveSpread { get; init; }

    /// <summary>Realized spread of the latest trade resolved at t + τ, 2q(P − m(t+τ))/m.</summary>
    public double? LastRealizedSpread { get; init; }

    /// <summary>Mean realized spread of the recent resolved trades.</summary>
    public double? RealizedSpread { get; init; }

    /// <summary>Price impact of the latest trade resolved at t + τ, 2q(m(t+τ) − m)/m.</summary>
    public double? LastPriceImpact { get; init; }

    /// <summary>Mean price impact of the recent resolved trades.</summary>
    public double? PriceImpact { get; init; }

    /// <summary>Realized variance of the log mid.</summary>
    public double? RealizedVariance { get; init; }

    /// <summary>Quote (book) update intensity, per second.</summary>
    public double? QuoteUpdatesPerSecond { get; init; }

    /// <summary>Hawkes intensity of trades, per second; null when not configured.</summary>
    public double? HawkesTradeIntensity { get; init; }

    /// <summary>Why the symbol stopped processing (its snapshot cannot be restored), with what to do; null while healthy.</summary>
    public string? Failure { get; init; }
}
