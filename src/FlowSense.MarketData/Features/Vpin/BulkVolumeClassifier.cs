using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Vpin;

/// <summary>
/// Bulk volume classification (Easley, López de Prado &amp; O'Hara 2012, §2): trades are aggregated into clock-aligned
/// time bars; when a bar closes, its volume is classified as bought in the fraction Φ(ΔP/σ_ΔP), with ΔP its closing
/// price minus the previous bar's close (raw price units) and σ_ΔP the standard deviation of ΔP.
/// <para>The paper estimates σ_ΔP over its whole sample; streaming, this uses either a fixed σ the caller supplies
/// (e.g. from the previous session) or the sample standard deviation of the last K bar changes, this bar's included.
/// Bars without trades are skipped, so ΔP runs between consecutive bars that traded. A bar closes when a trade or
/// <see cref="Advance"/> stamps a later bar, so classified volume lags by up to one bar. Warm-up: the first bar
/// (no previous close) and, with a rolling σ, bars until two changes exist, are counted in
/// <see cref="WarmupVolume"/> and not classified.</para>
/// </summary>
public sealed class BulkVolumeClassifier : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly long _barNs;
    private readonly double _fixedSigma;
    private RollingSum<double> _changes; // a struct changed in place: not readonly
    private RollingSum<double> _squaredChanges; // a struct changed in place: not readonly
    private long _barIndex = long.MinValue;
    private long _barVolume;
    private long _barClose;
    private long _previousClose;
    private bool _hasPreviousClose;

    /// <param name="barNs">Bar length in nanoseconds (the paper uses one minute).</param>
    /// <param name="sigmaBars">K, the bar changes the rolling σ covers (at least 2).</param>
    /// <param name="fixedSigma">A fixed σ_ΔP in raw price units, or NaN for the rolling estimate.</param>
    public BulkVolumeClassifier(long barNs, int sigmaBars, double fixedSigma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(barNs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sigmaBars, 2);
        if (!double.IsNaN(fixedSigma))
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fixedSigma);
        _barNs = barNs;
        _fixedSigma = fixedSigma;
        _changes = new RollingSum<double>(sigmaBars);
        _squaredChanges = new RollingSum<double>(sigmaBars);
    }

    /// <summary>Volume not classified because σ or the previous close was not yet known.</summary>
    public long WarmupVolume { get; private set; }

    /// <summary>The buy fraction of the latest classified bar (NaN before one).</summary>
    public double LastBuyFraction { get; private set; } = double.NaN;

    /// <summary>Adds a trade; a trade in a later bar first closes the open bar into <paramref name="buckets"/>.</summary>
    public void OnTrade(long timeNs, long price, long size, VolumeBuckets buckets)
    {
        Advance(timeNs, buckets);
        if (_barIndex == long.MinValue)
            _barIndex = BarOf(timeNs);
        _barVolume += size;
        _barClose = price;
    }

    /// <summary>Closes the open bar into <paramref name="buckets"/> if <paramref name="nowNs"/> lies in a later bar.</summary>
    public void Advance(long nowNs, VolumeBuckets buckets)
    {
        long bar = BarOf(nowNs);
        if (_barIndex == long.MinValue || bar <= _barIndex)
            return;
        if (_barVolume > 0)
            CloseBar(buckets);
        _barIndex = bar;
    }

    /// <summary>Writes the open time bar, the previous close, and the rolling σ sums.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.BulkVolumeClassifier, CheckpointVersion);
        writer.WriteInt64(_barNs);
        writer.WriteDouble(_fixedSigma);
        writer.WriteInt64(_barIndex);
        writer.WriteInt64(_barVolume);
        writer.WriteInt64(_barClose);
        writer.WriteInt64(_previousClose);
        writer.WriteBoolean(_hasPreviousClose);
        writer.WriteInt64(WarmupVolume);
        writer.WriteDouble(LastBuyFraction);
        _changes.WriteCheckpoint(ref writer);
        _squaredChanges.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.BulkVolumeClassifier, CheckpointVersion);
        reader.ReadExpected(_barNs, "the bar length (ns)");
        reader.ReadExpected(_fixedSigma, "the fixed σ");
        _barIndex = reader.ReadInt64();
        _barVolume = reader.ReadInt64();
        _barClose = reader.ReadInt64();
        _previousClose = reader.ReadInt64();
        _hasPreviousClose = reader.ReadBoolean();
        WarmupVolume = reader.ReadInt64();
        LastBuyFraction = reader.ReadDouble();
        _changes.RestoreCheckpoint(ref reader);
        _squaredChanges.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    private long BarOf(long timeNs) => Math.DivRem(timeNs, _barNs, out long rem) - (rem < 0 ? 1 : 0);

    private void CloseBar(VolumeBuckets buckets)
    {
        long volume = _barVolume;
        _barVolume = 0;
        if (!_hasPreviousClose)
        {
            _previousClose = _barClose;
            _hasPreviousClose = true;
            WarmupVolume += volume;
            return;
        }

        double change = _barClose - _previousClose;
        _previousClose = _barClose;
        _changes.Add(change);
        _squaredChanges.Add(change * change);

        double sigma = double.IsNaN(_fixedSigma) ? RollingSigma() : _fixedSigma;
        if (double.IsNaN(sigma))
        {
            WarmupVolume += volume;
            return;
        }
        // σ = 0 means every recent change was 0, this one included: no information, so half and half.
        double buyFraction = sigma > 0 ? NormalDistribution.Cdf(change / sigma) : 0.5;
        LastBuyFraction = buyFraction;
        buckets.Add(volume, buyFraction);
    }

    private double RollingSigma()
    {
        int n = _changes.Count;
        if (n < 2)
            return double.NaN;
        double mean = _changes.Sum / n;
        double variance = (_squaredChanges.Sum - n * mean * mean) / (n - 1);
        return Math.Sqrt(Math.Max(variance, 0.0));
    }
}
