using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// Granville's On-Balance Volume: a running total that adds the bar's volume when the close rises, subtracts it
/// when the close falls, and holds when it is unchanged. As in TA-Lib, the first bar's OBV is its volume; ready
/// after one bar.
/// </summary>
public sealed class OnBalanceVolume : Indicator, IBarIndicator
{
    private double _previousClose = double.NaN;

    public OnBalanceVolume()
        : base(1)
    {
    }

    public void Update(in OhlcvBar bar)
    {
        Samples++;
        if (double.IsNaN(_previousClose))
            Value = bar.Volume;
        else if (bar.Close > _previousClose)
            Value += bar.Volume;
        else if (bar.Close < _previousClose)
            Value -= bar.Volume;
        _previousClose = bar.Close;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.OnBalanceVolume;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteDouble(_previousClose);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        _previousClose = reader.ReadDouble();
    }

    public override void Reset()
    {
        base.Reset();
        _previousClose = double.NaN;
    }
}
