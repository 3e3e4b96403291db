using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>The population standard deviation of the last <see cref="Period"/> values: the square root of <see cref="Variance"/>.</summary>
public sealed class StandardDeviation : ValueIndicator
{
    private readonly Variance _variance;

    public StandardDeviation(int period)
        : base(RequirePeriod(period, nameof(period)))
    {
        _variance = new Variance(period);
    }

    public int Period => _variance.Period;

    /// <summary>The mean of the same window; NaN until ready.</summary>
    public double Mean => _variance.Mean;

    public override void Update(double value)
    {
        Samples++;
        _variance.Update(value);
        if (_variance.IsReady)
            Value = Math.Sqrt(_variance.Value);
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.StandardDeviation;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        _variance.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        _variance.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _variance.Reset();
    }
}
