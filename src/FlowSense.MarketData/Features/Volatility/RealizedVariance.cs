using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Volatility;

/// <summary>
/// Realized variance: the sum of squared log returns of a price (the mid, or the trade price) sampled on a clock
/// grid of step Δ, over the last K returns, so over a window of K·Δ. The grid is aligned to the epoch
/// (points at multiples of Δ); the sample at a grid point is the last price stamped at or before it (previous-tick
/// interpolation), so a grid point with no new price adds a zero return. Warm-up: <see cref="IsReady"/> after
/// K returns (K + 1 grid samples). Dimensionless (variance of log price over the window); <see cref="Volatility"/>
/// is its square root and <see cref="AnnualizedVolatility"/> scales it to a year of trading time.
/// Non-positive or NaN prices are counted in <see cref="RejectedPrices"/> and ignored.
/// </summary>
public sealed class RealizedVariance : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private RollingSum<double> _squaredReturns; // a struct changed in place: not readonly
    private readonly long _intervalNs;
    private long _nextGridNs;
    private double _current = double.NaN;
    private double _lastSample = double.NaN;
    private ForwardClock _clock = new();

    /// <param name="intervalNs">Δ, the grid step in nanoseconds.</param>
    /// <param name="intervals">K, the returns summed.</param>
    public RealizedVariance(long intervalNs, int intervals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalNs, 1);
        _intervalNs = intervalNs;
        _squaredReturns = new RollingSum<double>(intervals);
    }

    public bool IsReady => _squaredReturns.IsFull;

    /// <summary>Σ r² over the last K grid returns (over those so far, during warm-up); NaN before the first.</summary>
    public double Variance => _squaredReturns.Count == 0 ? double.NaN : _squaredReturns.Sum;

    /// <summary>√<see cref="Variance"/>: the volatility over the window K·Δ.</summary>
    public double Volatility => Math.Sqrt(Variance);

    public long WindowNs => _intervalNs * _squaredReturns.Capacity;

    public long RejectedPrices { get; private set; }

    public long OutOfOrder => _clock.OutOfOrder;

    /// <summary>
    /// The volatility scaled to a year: √(RV · Y / (K·Δ)), with Y the trading nanoseconds in a year
    /// (for example 252 × 6.5 h for US equities, 365 × 24 h for crypto). Assumes returns are uncorrelated.
    /// </summary>
    public double AnnualizedVolatility(double tradingNanosecondsPerYear) => Math.Sqrt(Variance * tradingNanosecondsPerYear / WindowNs);

    /// <summary>A new price stamped <paramref name="timeNs"/>, in any units (only ratios are used).</summary>
    public void OnPrice(long timeNs, double price)
    {
        if (!(price > 0))
        {
            RejectedPrices++;
            Advance(timeNs);
            return;
        }
        if (double.IsNaN(_current))
        {
            // First price: the grid starts at the first point at or after it.
            _clock.Observe(timeNs);
            long rem = timeNs % _intervalNs;
            _nextGridNs = rem == 0 ? timeNs : timeNs - rem + (rem > 0 ? _intervalNs : 0);
            _current = price;
            SampleDue(timeNs, inclusive: true);
            return;
        }
        timeNs = _clock.Observe(timeNs);
        // Grid points strictly before now saw the old price; one exactly now sees this one.
        SampleDue(timeNs, inclusive: false);
        _current = price;
        SampleDue(timeNs, inclusive: true);
    }

    /// <summary>Moves time to <paramref name="nowNs"/> with the price unchanged, sampling grid points passed.</summary>
    public void Advance(long nowNs)
    {
        if (!double.IsNaN(_current))
            SampleDue(_clock.Observe(nowNs), inclusive: true);
    }

    /// <summary>Writes the sampling grid position, the current and last sampled prices, the clock and the squared returns.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.RealizedVariance, CheckpointVersion);
        writer.WriteInt64(_intervalNs);
        writer.WriteInt64(_nextGridNs);
        writer.WriteDouble(_current);
        writer.WriteDouble(_lastSample);
        _clock.WriteCheckpoint(ref writer);
        writer.WriteInt64(RejectedPrices);
        _squaredReturns.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.RealizedVariance, CheckpointVersion);
        reader.ReadExpected(_intervalNs, "the sampling interval Δ (ns)");
        _nextGridNs = reader.ReadInt64();
        _current = reader.ReadDouble();
        _lastSample = reader.ReadDouble();
        _clock.RestoreCheckpoint(ref reader);
        RejectedPrices = reader.ReadInt64();
        _squaredReturns.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    private void SampleDue(long nowNs, bool inclusive)
    {
        long pastDue = nowNs - _nextGridNs;
        if (pastDue < 0 || (pastDue == 0 && !inclusive))
            return;
        long due = pastDue / _intervalNs + 1;
        if (!inclusive && pastDue % _intervalNs == 0)
            due--;

        // The first due point may carry a return; later ones repeat the same price, so add zero returns, of
        // which no more than K can matter to the window.
        if (!double.IsNaN(_lastSample))
        {
            double r = Math.Log(_current / _lastSample);
            _squaredReturns.Add(r * r);
        }
        long zeros = Math.Min(due - 1, _squaredReturns.Capacity);
        for (long i = 0; i < zeros; i++)
            _squaredReturns.Add(0.0);
        _lastSample = _current;
        _nextGridNs += due * _intervalNs;
    }
}
