namespace FlowSense.MarketData.Features.Spreads;

/// <summary>
/// Trade-cost measures as fractions of the mid (dimensionless; ×10⁴ for basis points), with q the trade sign
/// (+1 buyer-initiated, −1 seller-initiated), P the trade price and m the mid prevailing at the trade:
/// effective spread 2q(P − m)/m, realized spread 2q(P − m_{t+τ})/m and price impact 2q(m_{t+τ} − m)/m,
/// so effective = realized + impact. See e.g. Hendershott, Jones &amp; Menkveld (2011) for these definitions.
/// </summary>
public static class EffectiveSpread
{
    /// <summary>2q(P − m)/m.</summary>
    public static double Of(long price, int sign, double mid) => 2.0 * sign * (price - mid) / mid;

    /// <summary>2q(P − m_{t+τ})/m, with m the mid at the trade.</summary>
    public static double Realized(long price, int sign, double mid, double midLater) => 2.0 * sign * (price - midLater) / mid;

    /// <summary>2q(m_{t+τ} − m)/m, with m the mid at the trade.</summary>
    public static double PriceImpact(int sign, double mid, double midLater) => 2.0 * sign * (midLater - mid) / mid;
}
