namespace FlowSense.MarketData.Features.Vpin;

/// <summary>VPIN settings.</summary>
/// <param name="BucketVolume">V, raw size units per bucket (the paper uses 1/50 of average daily volume).</param>
/// <param name="BucketCount">n, the buckets averaged (the paper uses 50).</param>
/// <param name="Classification">Exact trade signs or bulk volume classification.</param>
/// <param name="BarNs">Bulk classification: time-bar length in nanoseconds (the paper uses one minute).</param>
/// <param name="SigmaBars">Bulk classification: bar changes in the rolling σ_ΔP.</param>
/// <param name="FixedSigma">Bulk classification: a fixed σ_ΔP in raw price units, or NaN for the rolling one.</param>
public sealed record VpinOptions(
    long BucketVolume,
    int BucketCount = 50,
    VolumeClassification Classification = VolumeClassification.Exact,
    long BarNs = 60_000_000_000,
    int SigmaBars = 50,
    double FixedSigma = double.NaN);
