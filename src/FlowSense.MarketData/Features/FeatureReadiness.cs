namespace FlowSense.MarketData.Features;

/// <summary>Which windowed features have finished their warm-up.</summary>
[Flags]
public enum FeatureReadiness
{
    None = 0,
    /// <summary>At least one OFI event, and the N-event window is full.</summary>
    Ofi = 1,
    /// <summary>The multi-level OFI window is full.</summary>
    MultiLevelOfi = 2,
    /// <summary>At least one trade resolved at t + τ.</summary>
    PostTradeSpreads = 4,
    /// <summary>n VPIN buckets closed.</summary>
    Vpin = 8,
    /// <summary>N Kyle's-lambda observations.</summary>
    KyleLambda = 16,
    /// <summary>K realized-variance returns.</summary>
    RealizedVariance = 32,
    /// <summary>A full intensity window has elapsed.</summary>
    TradeIntensity = 64,
}
