using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// Wilder's Average True Range: the <see cref="Smoothing"/> average of the last <c>period</c> true ranges
/// (Wilder smoothing by default, seeded by the simple average of the first <c>period</c>). Ready after
/// <c>period</c> bars, the first bar contributing its high − low.
/// </summary>
public sealed class AverageTrueRange : Indicator, IBarIndicator
{
    private readonly TrueRange _trueRange = new();
    private readonly ValueIndicator _average;

    public AverageTrueRange(int period = 14, Smoothing smoothing = Smoothing.Wilder)
        : base(RequirePeriod(period, nameof(period)))
    {
        Smoothing = smoothing;
        _average = SmoothingFactory.Create(smoothing, period);
    }

    public Smoothing Smoothing { get; }

    /// <summary>The latest true range.</summary>
    public double TrueRange => _trueRange.Value;

    public void Update(in OhlcvBar bar)
    {
        Samples++;
        _trueRange.Update(bar);
        _average.Update(_trueRange.Value);
        if (_average.IsReady)
            Value = _average.Value;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.AverageTrueRange;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteInt64((long)Smoothing);
        _trueRange.WriteCheckpoint(ref writer);
        _average.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        reader.ReadExpected((long)Smoothing, "the smoothing");
        _trueRange.RestoreCheckpoint(ref reader);
        _average.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _trueRange.Reset();
        _average.Reset();
    }
}
