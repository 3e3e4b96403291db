using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// Ordinary least squares of y on x (with intercept) over the last N pairs, from running sums:
/// slope = (N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²). O(1) per pair (amortised: see <see cref="RollingSum{T}"/>).
/// </summary>
public sealed class RollingRegression : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly RollingSum<double> _x;
    private readonly RollingSum<double> _y;
    private readonly RollingSum<double> _xx;
    private readonly RollingSum<double> _xy;

    public RollingRegression(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        _x = new RollingSum<double>(window);
        _y = new RollingSum<double>(window);
        _xx = new RollingSum<double>(window);
        _xy = new RollingSum<double>(window);
    }

    public int Window => _x.Capacity;

    public int Count => _x.Count;

    public bool IsFull => _x.IsFull;

    /// <summary>The OLS slope; NaN with fewer than two pairs or when x does not vary.</summary>
    public double Slope
    {
        get
        {
            double n = _x.Count;
            double denominator = n * _xx.Sum - _x.Sum * _x.Sum;
            return n < 2 || denominator <= 0 ? double.NaN : (n * _xy.Sum - _x.Sum * _y.Sum) / denominator;
        }
    }

    /// <summary>The OLS intercept; NaN when the slope is.</summary>
    public double Intercept => (_y.Sum - Slope * _x.Sum) / _x.Count;

    /// <summary>Writes the four rolling sums (Σx, Σy, Σx², Σxy) with their windows.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.RollingRegression, CheckpointVersion);
        _x.WriteCheckpoint(ref writer);
        _y.WriteCheckpoint(ref writer);
        _xx.WriteCheckpoint(ref writer);
        _xy.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.RollingRegression, CheckpointVersion);
        _x.RestoreCheckpoint(ref reader);
        _y.RestoreCheckpoint(ref reader);
        _xx.RestoreCheckpoint(ref reader);
        _xy.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    public void Add(double x, double y)
    {
        _x.Add(x);
        _y.Add(y);
        _xx.Add(x * x);
        _xy.Add(x * y);
    }
}
