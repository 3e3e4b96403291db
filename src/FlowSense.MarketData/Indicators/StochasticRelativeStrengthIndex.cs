using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// Chande and Kroll's Stochastic RSI: the stochastic oscillator applied to Wilder's RSI.
/// raw = 100·(RSI − min RSI)/(max RSI − min RSI) over <c>stochasticPeriod</c> RSI values;
/// <see cref="K"/> = SMA(<c>kSmoothing</c>) of raw; <see cref="D"/> = SMA(<c>dSmoothing</c>) of K.
/// <see cref="Indicator.Value"/> is K once D is ready. Ready after
/// <c>rsiPeriod + 1 + (stochasticPeriod − 1) + (kSmoothing − 1) + (dSmoothing − 1)</c> values (32 for 14/14/3/3).
/// When the RSI window is flat (max = min), raw is 0.
/// </summary>
public sealed class StochasticRelativeStrengthIndex : ValueIndicator
{
    private readonly RelativeStrengthIndex _rsi;
    private readonly RollingExtremes _extremes;
    private readonly SimpleMovingAverage _k;
    private readonly SimpleMovingAverage _d;

    public StochasticRelativeStrengthIndex(int rsiPeriod = 14, int stochasticPeriod = 14, int kSmoothing = 3, int dSmoothing = 3)
        : base(RequirePeriod(rsiPeriod, nameof(rsiPeriod)) + RequirePeriod(stochasticPeriod, nameof(stochasticPeriod))
               + RequirePeriod(kSmoothing, nameof(kSmoothing)) + RequirePeriod(dSmoothing, nameof(dSmoothing)) - 2)
    {
        _rsi = new RelativeStrengthIndex(rsiPeriod);
        _extremes = new RollingExtremes(stochasticPeriod);
        _k = new SimpleMovingAverage(kSmoothing);
        _d = new SimpleMovingAverage(dSmoothing);
    }

    /// <summary>The smoothed stochastic of RSI; NaN until its own window is full.</summary>
    public double K => _k.Value;

    /// <summary>The SMA of K; NaN until ready.</summary>
    public double D => _d.Value;

    public override void Update(double value)
    {
        Samples++;
        _rsi.Update(value);
        if (!_rsi.IsReady)
            return;
        double rsi = _rsi.Value;
        _extremes.Push(rsi);
        if (!_extremes.IsFull)
            return;
        double range = _extremes.Max - _extremes.Min;
        _k.Update(range == 0 ? 0 : 100 * (rsi - _extremes.Min) / range);
        if (!_k.IsReady)
            return;
        _d.Update(_k.Value);
        if (_d.IsReady)
            Value = _k.Value;
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.StochasticRelativeStrengthIndex;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        _rsi.WriteCheckpoint(ref writer);
        _extremes.WriteCheckpoint(ref writer);
        _k.WriteCheckpoint(ref writer);
        _d.WriteCheckpoint(ref writer);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        _rsi.RestoreCheckpoint(ref reader);
        _extremes.RestoreCheckpoint(ref reader);
        _k.RestoreCheckpoint(ref reader);
        _d.RestoreCheckpoint(ref reader);
    }

    public override void Reset()
    {
        base.Reset();
        _rsi.Reset();
        _extremes.Clear();
        _k.Reset();
        _d.Reset();
    }
}
