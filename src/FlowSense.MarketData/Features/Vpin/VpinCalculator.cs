using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Vpin;

/// <summary>
/// VPIN, the volume-synchronized probability of informed trading (Easley, López de Prado &amp; O'Hara 2012,
/// "Flow toxicity and liquidity in a high-frequency world"): VPIN = Σ|V_S − V_B| / (n·V) over the last n
/// equal-volume buckets, dimensionless in [0, 1]. Volume is split into buys and sells exactly by trade sign or by
/// bulk classification (<see cref="VolumeClassification"/>). Warm-up: <see cref="IsReady"/> after n full buckets.
/// </summary>
public sealed class VpinCalculator : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly VolumeBuckets _buckets;
    private readonly BulkVolumeClassifier? _bulk;

    public VpinCalculator(VpinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _buckets = new VolumeBuckets(options.BucketVolume, options.BucketCount);
        if (options.Classification == VolumeClassification.Bulk)
            _bulk = new BulkVolumeClassifier(options.BarNs, options.SigmaBars, options.FixedSigma);
        else if (options.Classification != VolumeClassification.Exact)
            throw new ArgumentOutOfRangeException(nameof(options), options.Classification, "Unknown classification.");
    }

    public bool IsReady => _buckets.IsReady;

    /// <summary>The current VPIN; NaN before the first bucket closes. Check <see cref="IsReady"/> for a full window.</summary>
    public double Value => _buckets.Vpin;

    public VolumeBuckets Buckets => _buckets;

    /// <summary>The bulk classifier, when that mode is configured.</summary>
    public BulkVolumeClassifier? Bulk => _bulk;

    /// <summary>Exact mode: volume of trades with sign 0, counted half to each side.</summary>
    public long UnsignedVolume { get; private set; }

    /// <param name="sign">+1 buy, −1 sell, 0 unknown; ignored by bulk classification.</param>
    public void OnTrade(long timeNs, long price, long size, int sign)
    {
        if (_bulk is not null)
        {
            _bulk.OnTrade(timeNs, price, size, _buckets);
            return;
        }
        if (sign == 0)
            UnsignedVolume += size;
        _buckets.Add(size, sign > 0 ? 1.0 : sign < 0 ? 0.0 : 0.5);
    }

    /// <summary>Bulk mode: closes a finished time bar without waiting for the next trade.</summary>
    public void Advance(long nowNs) => _bulk?.Advance(nowNs, _buckets);

    /// <summary>Writes the buckets and, under bulk classification, the classifier.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.VpinCalculator, CheckpointVersion);
        writer.WriteBoolean(_bulk is not null);
        writer.WriteInt64(UnsignedVolume);
        _buckets.WriteCheckpoint(ref writer);
        _bulk?.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.VpinCalculator, CheckpointVersion);
        if (reader.ReadBoolean() != _bulk is not null)
            throw reader.Corrupt("the volume classification (exact or bulk) differs from the instance restored into");
        UnsignedVolume = reader.ReadInt64();
        _buckets.RestoreCheckpoint(ref reader);
        _bulk?.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }
}
