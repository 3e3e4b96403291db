using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// The population variance (divide by n, as TA-Lib VAR and LEAN do) of the last <see cref="Period"/> values.
/// </summary>
/// <remarks>
/// Sums of squares cancel catastrophically for prices far from zero, so the window keeps a mean and the sum of
/// squared deviations (M2), updated with Welford's method as values enter and leave; both are recomputed exactly,
/// in two passes, each time the window completes a lap, and also whenever an update cancels almost all of M2 (a
/// far-away value leaving a window that is left nearly constant, where M2 would keep only a few correct digits).
/// </remarks>
public sealed class Variance : ValueIndicator
{
    // An update that leaves M2 under this share of its own size has lost about six of double's sixteen digits.
    private const double CancellationRatio = 1e-6;

    private readonly RingBuffer _window;
    private double _mean;
    private double _m2;

    public Variance(int period)
        : base(RequirePeriod(period, nameof(period)))
    {
        Period = period;
        _window = new RingBuffer(period);
    }

    public int Period { get; }

    /// <summary>The mean of the window (the same window as the variance); NaN until ready.</summary>
    public double Mean => IsReady ? _mean : double.NaN;

    public override void Update(double value)
    {
        Samples++;
        bool cancelled = false;
        if (_window.IsFull)
        {
            double old = _window.Oldest;
            double oldMean = _mean;
            _mean += (value - old) / Period;
            double change = (value - old) * (value - _mean + old - oldMean);
            _m2 += change;
            cancelled = Math.Abs(_m2) < CancellationRatio * Math.Abs(change);
        }
        else
        {
            double delta = value - _mean;
            _mean += delta / (_window.Count + 1);
            _m2 += delta * (value - _mean);
        }
        _window.Push(value);
        if (_window.Wrapped || cancelled)
            Recompute();
        if (_window.IsFull)
            Value = Math.Max(0, _m2 / Period);
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.Variance;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteDouble(_mean);
        writer.WriteDouble(_m2);
        _window.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        _mean = reader.ReadDouble();
        _m2 = reader.ReadDouble();
        _window.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _window.Clear();
        _mean = 0;
        _m2 = 0;
    }

    private void Recompute()
    {
        _mean = _window.Sum() / Period;
        double m2 = 0;
        foreach (double v in _window.Values)
            m2 += (v - _mean) * (v - _mean);
        _m2 = m2;
    }
}
