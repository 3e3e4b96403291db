using FlowSense.MarketData.Features.Ofi;

namespace FlowSense.MarketData.Features;

/// <summary>
/// The current feature values of one instrument, for publishing. Prices are raw price units; spreads and impact
/// are fractions of the mid (×10⁴ for basis points); OFI is raw size units. NaN marks a value that is undefined
/// (one-sided book, no trade yet); <see cref="Ready"/> says which windowed values have warmed up.
/// </summary>
public readonly record struct FeatureSnapshot
{
    /// <summary>The latest event time, nanoseconds since the epoch.</summary>
    public long TimeNs { get; init; }

    public FeatureReadiness Ready { get; init; }

    public long BidPrice { get; init; }

    public long AskPrice { get; init; }

    public double Mid { get; init; }

    public long QuotedSpread { get; init; }

    public double RelativeSpread { get; init; }

    /// <summary>The size-weighted mid.</summary>
    public double Microprice { get; init; }

    /// <summary>Stoikov's estimated micro-price, mid + g*(I, S); NaN when no table is configured or the book is outside it.</summary>
    public double EstimatedMicroprice { get; init; }

    public double DepthImbalanceAtBest { get; init; }

    /// <summary>Depth imbalance over k levels (NaN if no levels were ever given).</summary>
    public double DepthImbalanceOverLevels { get; init; }

    public long OfiLastEvent { get; init; }

    public long OfiOverEvents { get; init; }

    public long OfiOverClock { get; init; }

    /// <summary>
    /// Multi-level OFI (Xu, Gould &amp; Howison 2019) over its event window, level 1 first, for up to
    /// <see cref="OfiByLevel.MaxLevels"/> levels; empty before its first event. Its window counts changes anywhere in
    /// the top M levels and <see cref="OfiOverEvents"/>'s only changes of the best quotes, so over the same N the two
    /// level-1 sums can differ.
    /// </summary>
    public OfiByLevel MultiLevelOfi { get; init; }

    /// <summary>+1 buy, −1 sell, 0 unknown, for the latest trade.</summary>
    public int LastTradeSign { get; init; }

    public double LastEffectiveSpread { get; init; }

    public double MeanEffectiveSpread { get; init; }

    public double LastRealizedSpread { get; init; }

    public double MeanRealizedSpread { get; init; }

    public double LastPriceImpact { get; init; }

    public double MeanPriceImpact { get; init; }

    public double Vpin { get; init; }

    /// <summary>Log return per √(raw size unit).</summary>
    public double KyleLambda { get; init; }

    public double RealizedVariance { get; init; }

    public double RealizedVolatility { get; init; }

    public double TradesPerSecond { get; init; }

    public double QuoteUpdatesPerSecond { get; init; }

    /// <summary>Hawkes λ(t) for trades, events per second; NaN when not configured.</summary>
    public double HawkesTradeIntensity { get; init; }
}
