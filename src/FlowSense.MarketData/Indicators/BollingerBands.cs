using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// Bollinger Bands: <see cref="Middle"/> = SMA(n); <see cref="Upper"/>/<see cref="Lower"/> = middle ± k·σ with the
/// population σ of the same window (as Bollinger and TA-Lib define it); <see cref="BandWidth"/> =
/// (upper − lower)/middle; <see cref="PercentB"/> = (value − lower)/(upper − lower).
/// <see cref="Indicator.Value"/> is the middle band.
/// </summary>
public sealed class BollingerBands : ValueIndicator
{
    private readonly Variance _variance;
    private readonly double _k;

    public BollingerBands(int period = 20, double k = 2)
        : base(RequirePeriod(period, nameof(period)))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _variance = new Variance(period);
        _k = k;
    }

    public int Period => _variance.Period;

    public double Middle => Value;

    public double Upper { get; private set; } = double.NaN;

    public double Lower { get; private set; } = double.NaN;

    public double BandWidth { get; private set; } = double.NaN;

    /// <summary>Where the last value sits between the bands (0 at the lower, 1 at the upper); NaN when the bands coincide.</summary>
    public double PercentB { get; private set; } = double.NaN;

    public override void Update(double value)
    {
        Samples++;
        _variance.Update(value);
        if (!_variance.IsReady)
            return;
        double middle = _variance.Mean;
        double width = _k * Math.Sqrt(_variance.Value);
        Value = middle;
        Upper = middle + width;
        Lower = middle - width;
        BandWidth = middle == 0 ? double.NaN : (Upper - Lower) / middle;
        PercentB = width == 0 ? double.NaN : (value - Lower) / (Upper - Lower);
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.BollingerBands;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteDouble(_k);
        writer.WriteDouble(Upper);
        writer.WriteDouble(Lower);
        writer.WriteDouble(BandWidth);
        writer.WriteDouble(PercentB);
        _variance.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        reader.ReadExpected(_k, "the band width k");
        Upper = reader.ReadDouble();
        Lower = reader.ReadDouble();
        BandWidth = reader.ReadDouble();
        PercentB = reader.ReadDouble();
        _variance.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _variance.Reset();
        Upper = Lower = BandWidth = PercentB = double.NaN;
    }
}
