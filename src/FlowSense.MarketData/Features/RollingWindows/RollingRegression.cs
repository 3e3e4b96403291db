using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// Ordinary least squares of y on x (with intercept) over the last N pairs, from running sums:
/// slope = (N·Σxy − Σx·Σy) / (N·Σx² − (Σx)²). O(1) per pair (amortised: see <see cref="RollingSum{T}"/>).
/// The four sums advance together, so they are kept as the columns of one <see cref="RollingColumns"/>.
/// </summary>
public sealed class RollingRegression : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private const int X = 0, Y = 1, XX = 2, XY = 3;

    private RollingColumns _sums;

    public RollingRegression(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        _sums = new RollingColumns(4, window);
    }

    public int Window => _sums.Capacity;

    public int Count => _sums.Count;

    public bool IsFull => _sums.IsFull;

    /// <summary>The OLS slope; NaN with fewer than two pairs or when x does not vary.</summary>
    public double Slope
    {
        get
        {
            double n = _sums.Count;
            double sumX = _sums.Sum(X);
            double denominator = n * _sums.Sum(XX) - sumX * sumX;
            return n < 2 || denominator <= 0 ? double.NaN : (n * _sums.Sum(XY) - sumX * _sums.Sum(Y)) / denominator;
        }
    }

    /// <summary>The OLS intercept; NaN when the slope is.</summary>
    public double Intercept => (_sums.Sum(Y) - Slope * _sums.Sum(X)) / _sums.Count;

    /// <summary>Writes the four rolling sums (Σx, Σy, Σx², Σxy) with their windows.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.RollingRegression, CheckpointVersion);
        _sums.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.RollingRegression, CheckpointVersion);
        _sums.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    public void Add(double x, double y) => _sums.Add([x, y, x * x, x * y]);
}
