namespace FlowSense.MarketData.Features.Vpin;

/// <summary>How VPIN splits volume into buys and sells.</summary>
public enum VolumeClassification : byte
{
    /// <summary>Trade by trade, by its sign (the feed's aggressor, else Lee–Ready); an unsigned trade counts half to each side.</summary>
    Exact = 1,

    /// <summary>
    /// Bulk volume classification (Easley, López de Prado &amp; O'Hara 2012): volume is aggregated into time bars and
    /// a bar's buy fraction is Φ(ΔP/σ_ΔP), ΔP the change of its closing price.
    /// </summary>
    Bulk = 2,
}
