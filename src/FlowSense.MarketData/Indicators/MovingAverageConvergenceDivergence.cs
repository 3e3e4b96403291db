using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// Appel's MACD: <see cref="Line"/> = EMA(fast) − EMA(slow); <see cref="Signal"/> = EMA(signal) of the line;
/// <see cref="Histogram"/> = line − signal. <see cref="Indicator.Value"/> is the line.
/// </summary>
/// <remarks>
/// Both EMAs start from the first input and are seeded by their simple averages; the line exists once the slow EMA
/// is seeded (input <c>slow</c>), and the signal EMA is fed line values from then on, so the whole indicator is
/// ready after <c>slow + signal − 1</c> inputs (34 for 12/26/9), TA-Lib's look-back.
/// </remarks>
public sealed class MovingAverageConvergenceDivergence : ValueIndicator
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    public MovingAverageConvergenceDivergence(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
        : base(RequirePeriod(slowPeriod, nameof(slowPeriod)) + RequirePeriod(signalPeriod, nameof(signalPeriod)) - 1)
    {
        RequirePeriod(fastPeriod, nameof(fastPeriod));
        if (fastPeriod >= slowPeriod)
            throw new ArgumentOutOfRangeException(nameof(fastPeriod), fastPeriod, "The fast period must be shorter than the slow period.");
        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
    }

    /// <summary>EMA(fast) − EMA(slow); NaN until the slow EMA is seeded.</summary>
    public double Line { get; private set; } = double.NaN;

    /// <summary>True once <see cref="Line"/> has a value (after <c>slow</c> inputs), before the signal is ready.</summary>
    public bool IsLineReady => _slow.IsReady;

    /// <summary>EMA(signal) of the line; NaN until ready.</summary>
    public double Signal => _signal.Value;

    /// <summary>Line − signal; NaN until ready.</summary>
    public double Histogram => Line - _signal.Value;

    public override void Update(double value)
    {
        Samples++;
        _fast.Update(value);
        _slow.Update(value);
        if (!_slow.IsReady)
            return;
        Line = _fast.Value - _slow.Value;
        _signal.Update(Line);
        if (_signal.IsReady)
            Value = Line;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.MovingAverageConvergenceDivergence;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteDouble(Line);
        _fast.WriteCheckpoint(ref writer);
        _slow.WriteCheckpoint(ref writer);
        _signal.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        Line = reader.ReadDouble();
        _fast.RestoreCheckpoint(ref reader);
        _slow.RestoreCheckpoint(ref reader);
        _signal.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
        Line = double.NaN;
    }
}
