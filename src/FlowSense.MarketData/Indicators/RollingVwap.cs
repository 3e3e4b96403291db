using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// The volume-weighted average price of the last <see cref="Period"/> bars: Σ(p·v)/Σv, where p estimates the
/// average price inside a bar as (open + high + low + close)/4. That is the estimate LEAN's reference
/// (spy_with_vwap.txt, "Moving VWAP 50") was computed with; the typical price (h + l + c)/3 misses it by ~0.01.
/// Ready after <see cref="Period"/> bars; NaN while the window holds no volume.
/// </summary>
public sealed class RollingVwap : Indicator, IBarIndicator
{
    private readonly RingBuffer _notional;
    private readonly RingBuffer _volume;
    private double _notionalSum;
    private double _volumeSum;

    public RollingVwap(int period)
        : base(RequirePeriod(period, nameof(period)))
    {
        Period = period;
        _notional = new RingBuffer(period);
        _volume = new RingBuffer(period);
    }

    public int Period { get; }

    /// <summary>The price a bar contributes: the mean of its open, high, low and close.</summary>
    public static double PriceOf(in OhlcvBar bar) => (bar.Open + bar.High + bar.Low + bar.Close) / 4;

    public void Update(in OhlcvBar bar)
    {
        Samples++;
        if (_volume.IsFull)
        {
            _notionalSum -= _notional.Oldest;
            _volumeSum -= _volume.Oldest;
        }
        double notional = PriceOf(bar) * bar.Volume;
        _notional.Push(notional);
        _volume.Push(bar.Volume);
        _notionalSum += notional;
        _volumeSum += bar.Volume;
        if (_volume.Wrapped)
        {
            _notionalSum = _notional.Sum();
            _volumeSum = _volume.Sum();
        }
        if (_volume.IsFull)
            Value = _volumeSum > 0 ? _notionalSum / _volumeSum : double.NaN;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.RollingVwap;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteDouble(_notionalSum);
        writer.WriteDouble(_volumeSum);
        _notional.WriteCheckpoint(ref writer);
        _volume.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        _notionalSum = reader.ReadDouble();
        _volumeSum = reader.ReadDouble();
        _notional.RestoreCheckpoint(ref reader);
        _volume.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _notional.Clear();
        _volume.Clear();
        _notionalSum = 0;
        _volumeSum = 0;
    }
}
