using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Features.Microprice;
using FlowSense.MarketData.Features.Vpin;

namespace FlowSense.MarketData.Features;

/// <summary>Windows and parameters of <see cref="MicrostructureFeatures"/>. Times are nanoseconds; sizes raw units.</summary>
public sealed record MicrostructureFeaturesOptions
{
    /// <summary>N for OFI over the last N events.</summary>
    public int OfiEventWindow { get; init; } = 100;

    /// <summary>τ for OFI over the clock window.</summary>
    public long OfiClockWindowNs { get; init; } = 1_000_000_000;

    /// <summary>The most non-zero entries a clock window (OFI, intensities) holds before evicting early (counted).</summary>
    public int ClockWindowCapacity { get; init; } = 4096;

    /// <summary>M for multi-level OFI.</summary>
    public int Levels { get; init; } = 10;

    /// <summary>k for depth imbalance over k levels.</summary>
    public int DepthImbalanceLevels { get; init; } = 5;

    /// <summary>τ for realized spread and price impact.</summary>
    public long PostTradeHorizonNs { get; init; } = 5_000_000_000;

    /// <summary>The most trades awaiting their t + τ: size it above trade rate × τ (overflows are counted).</summary>
    public int PendingTradeCapacity { get; init; } = 4096;

    /// <summary>The trades averaged for mean effective spread, realized spread and price impact.</summary>
    public int TradeAverageWindow { get; init; } = 100;

    public VpinOptions Vpin { get; init; } = new(BucketVolume: 10_000);

    /// <summary>N trades in the Kyle's-lambda regression.</summary>
    public int KyleLambdaTrades { get; init; } = 100;

    /// <summary>Δ, the realized-variance sampling step.</summary>
    public long VolatilityIntervalNs { get; init; } = 1_000_000_000;

    /// <summary>K, the returns in the realized-variance window (window = K·Δ).</summary>
    public int VolatilityIntervals { get; init; } = 300;

    /// <summary>τ for trade and quote-update intensity.</summary>
    public long IntensityWindowNs { get; init; } = 1_000_000_000;

    /// <summary>A Stoikov micro-price table fitted on history (<see cref="MicropriceEstimator"/>); null to leave it out.</summary>
    public MicropriceTable? EstimatedMicroprice { get; init; }

    /// <summary>Hawkes parameters for the trade intensity λ(t); null to leave it out.</summary>
    public HawkesParameters? Hawkes { get; init; }
}
