using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// The log return over <see cref="Period"/> steps: ln(x_t / x_{t−n}). Ready after <c>period + 1</c> values.
/// A non-positive price in either place gives NaN rather than an exception.
/// </summary>
public sealed class LogReturn : ValueIndicator
{
    private readonly RingBuffer _window;

    public LogReturn(int period)
        : base(RequirePeriod(period, nameof(period)) + 1)
    {
        Period = period;
        _window = new RingBuffer(period + 1);
    }

    public int Period { get; }

    public override void Update(double value)
    {
        Samples++;
        _window.Push(value);
        if (!_window.IsFull)
            return;
        double past = _window[Period];
        Value = value > 0 && past > 0 ? Math.Log(value / past) : double.NaN;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.LogReturn;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        _window.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        _window.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _window.Clear();
    }
}
