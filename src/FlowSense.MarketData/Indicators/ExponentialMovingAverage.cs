using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// An exponential moving average seeded as TA-Lib seeds it: the first value, after <see cref="Period"/> inputs,
/// is the simple average of those inputs; each later input moves it by <c>alpha·(x − ema)</c>.
/// The usual smoothing is <c>alpha = 2/(n+1)</c>; Wilder's smoothing (RSI, ATR) is <c>alpha = 1/n</c>
/// (<see cref="Wilder"/>). LEAN's reference files (spy_ema.csv, spy_with_indicators.txt) use the same seed.
/// </summary>
public sealed class ExponentialMovingAverage : ValueIndicator
{
    private readonly double _alpha;
    private double _seedSum;

    /// <summary>The standard EMA, with <c>alpha = 2/(period+1)</c>.</summary>
    public ExponentialMovingAverage(int period)
        : this(period, 2.0 / (period + 1))
    {
    }

    /// <summary>An EMA with an explicit smoothing factor in (0, 1].</summary>
    public ExponentialMovingAverage(int period, double alpha)
        : base(RequirePeriod(period, nameof(period)))
    {
        if (!(alpha > 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The smoothing factor must be in (0, 1].");
        Period = period;
        _alpha = alpha;
    }

    /// <summary>Wilder's smoothed moving average (alpha = 1/period), used by RSI and ATR.</summary>
    public static ExponentialMovingAverage Wilder(int period) => new(period, 1.0 / RequirePeriod(period, nameof(period)));

    public int Period { get; }

    /// <summary>The smoothing factor applied to each input after the seed.</summary>
    public double Alpha => _alpha;

    public override void Update(double value)
    {
        long n = ++Samples;
        if (n > Period)
        {
            Value += _alpha * (value - Value);
        }
        else
        {
            _seedSum += value;
            if (n == Period)
                Value = _seedSum / Period;
        }
    }

    /// <inheritdoc />
    protected override CheckpointSection CheckpointTag => CheckpointSection.ExponentialMovingAverage;

    /// <inheritdoc />
    protected override void WriteState(ref CheckpointWriter writer)
    {
        writer.WriteDouble(_alpha);
        writer.WriteDouble(_seedSum);
    }

    /// <inheritdoc />
    protected override void RestoreState(ref CheckpointReader reader, byte version)
    {
        reader.ReadExpected(_alpha, "the smoothing factor α");
        _seedSum = reader.ReadDouble();
    }

    public override void Reset()
    {
        base.Reset();
        _seedSum = 0;
    }
}
