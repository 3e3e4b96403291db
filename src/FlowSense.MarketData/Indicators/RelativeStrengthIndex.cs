using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// Wilder's Relative Strength Index: <c>100 − 100/(1 + avgGain/avgLoss)</c> over the changes between consecutive
/// values. Needs <c>period</c> changes, so it is ready after <c>period + 1</c> values.
/// </summary>
/// <remarks>
/// When the average loss is zero the RSI is 100 (all gains); when both averages are zero (a flat series) it is
/// 0, as TA-Lib returns. <see cref="Smoothing.Simple"/> gives Cutler's RSI (simple averages of the last n changes).
/// </remarks>
public sealed class RelativeStrengthIndex : ValueIndicator
{
    private readonly ValueIndicator _averageGain;
    private readonly ValueIndicator _averageLoss;
    private double _previous = double.NaN;

    public RelativeStrengthIndex(int period, Smoothing smoothing = Smoothing.Wilder)
        : base(RequirePeriod(period, nameof(period)) + 1)
    {
        Period = period;
        Smoothing = smoothing;
        _averageGain = SmoothingFactory.Create(smoothing, period);
        _averageLoss = SmoothingFactory.Create(smoothing, period);
    }

    public int Period { get; }

    public Smoothing Smoothing { get; }

    public override void Update(double value)
    {
        Samples++;
        if (!double.IsNaN(_previous))
        {
            double change = value - _previous;
            _averageGain.Update(change > 0 ? change : 0);
            _averageLoss.Update(change < 0 ? -change : 0);
            if (_averageLoss.IsReady)
            {
                double gain = _averageGain.Value;
                double loss = _averageLoss.Value;
                Value = loss == 0 ? (gain == 0 ? 0 : 100) : 100 - (100 / (1 + (gain / loss)));
            }
        }
        _previous = value;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.RelativeStrengthIndex;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteInt64((long)Smoothing);
        writer.WriteDouble(_previous);
        _averageGain.WriteCheckpoint(ref writer);
        _averageLoss.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        reader.ReadExpected((long)Smoothing, "the smoothing");
        _previous = reader.ReadDouble();
        _averageGain.RestoreCheckpoint(ref reader);
        _averageLoss.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _averageGain.Reset();
        _averageLoss.Reset();
        _previous = double.NaN;
    }
}
