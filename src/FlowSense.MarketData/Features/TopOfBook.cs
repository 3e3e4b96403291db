namespace FlowSense.MarketData.Features;

/// <summary>
/// The best bid and ask (or the m-th best of each side) as fixed-point raw longs: the primitive state every
/// quote-driven feature reads. A side with size 0 is empty, whatever its price says (LOBSTER, for instance,
/// fills empty levels with dummy prices), so mid-based values are undefined (NaN) until both sides hold size.
/// </summary>
public readonly record struct TopOfBook(long BidPrice, long BidSize, long AskPrice, long AskSize)
{
    /// <summary>Both sides hold size, so a mid exists.</summary>
    public bool IsTwoSided => BidSize > 0 && AskSize > 0;

    /// <summary>Bid above ask with both sides present (a locked book, bid = ask, is valid and not crossed).</summary>
    public bool IsCrossed => IsTwoSided && BidPrice > AskPrice;

    /// <summary>(Pb + Pa) / 2 in raw price units; NaN unless <see cref="IsTwoSided"/>.</summary>
    public double Mid => IsTwoSided ? (BidPrice + (double)AskPrice) * 0.5 : double.NaN;

    /// <summary>Pa − Pb in raw price units (0 when one side is empty).</summary>
    public long QuotedSpread => IsTwoSided ? AskPrice - BidPrice : 0;

    /// <summary>(Pa − Pb) / mid, dimensionless (×10⁴ for basis points); NaN unless <see cref="IsTwoSided"/>.</summary>
    public double RelativeSpread => IsTwoSided ? (AskPrice - BidPrice) / Mid : double.NaN;
}
