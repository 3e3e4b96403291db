using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// Wilder's true range: max(high − low, |high − previous close|, |low − previous close|). The first bar has no
/// previous close, so its true range is its high − low (Wilder's convention, and what LEAN's spy_atr files expect);
/// ready after one bar.
/// </summary>
public sealed class TrueRange : Indicator, IBarIndicator
{
    private double _previousClose = double.NaN;

    public TrueRange()
        : base(1)
    {
    }

    public void Update(in OhlcvBar bar)
    {
        Samples++;
        double range = bar.High - bar.Low;
        if (!double.IsNaN(_previousClose))
            range = Math.Max(range, Math.Max(Math.Abs(bar.High - _previousClose), Math.Abs(bar.Low - _previousClose)));
        Value = range;
        _previousClose = bar.Close;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.TrueRange;

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
