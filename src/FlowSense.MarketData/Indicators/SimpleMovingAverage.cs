using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>The arithmetic mean of the last <see cref="Period"/> values (TA-Lib SMA). Ready after <see cref="Period"/> values.</summary>
public sealed class SimpleMovingAverage : ValueIndicator
{
    private readonly RingBuffer _window;
    private double _sum;

    public SimpleMovingAverage(int period)
        : base(RequirePeriod(period, nameof(period)))
    {
        Period = period;
        _window = new RingBuffer(period);
    }

    public int Period { get; }

    public override void Update(double value)
    {
        Samples++;
        if (_window.IsFull)
            _sum -= _window.Oldest;
        _window.Push(value);
        _sum += value;
        if (_window.Wrapped)
            _sum = _window.Sum();
        if (_window.IsFull)
            Value = _sum / Period;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.SimpleMovingAverage;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteDouble(_sum);
        _window.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        _sum = reader.ReadDouble();
        _window.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _window.Clear();
        _sum = 0;
    }
}
