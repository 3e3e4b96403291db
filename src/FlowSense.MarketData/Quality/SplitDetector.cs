using FlowSense.MarketData.Bars;

namespace FlowSense.MarketData.Quality;

/// <summary>
/// Detects a probable unadjusted stock split between two consecutive daily bars: the previous close divided by
/// today's open is within <see cref="Tolerance"/> of a split ratio (2:1, 3:1, 4:1, 5:1, 10:1, 3:2 and the reverse
/// splits 1:2 ... 1:10, 2:3), and volume moved the way a split moves it (a forward split R:1 multiplies the share
/// count, so volume rises; a reverse split lowers it) by at least √R, half the expected change on a log scale.
/// </summary>
/// <remarks>
/// The volume test is what separates a split from a crash: a 50% overnight drop with ordinary volume is a price
/// move, not a 2:1 split. Splits are flagged, not rejected: the bar is real, the series needs adjusting.
/// </remarks>
public sealed class SplitDetector(double tolerance = 0.03)
{
    private static readonly double[] ForwardRatios = [2, 3, 4, 5, 10, 1.5];

    /// <summary>The largest relative distance from a split ratio that still counts as a match.</summary>
    public double Tolerance { get; } = tolerance;

    /// <summary>The split ratio (previous close / today's open: 2 for a 2:1 split, 0.5 for 1:2), or NaN for none.</summary>
    public double Detect(in Bar previous, in Bar current)
    {
        if (previous.Close <= 0 || current.Open <= 0 || previous.Volume <= 0 || current.Volume <= 0)
            return double.NaN;
        double priceRatio = (double)previous.Close / current.Open;
        double volumeRatio = (double)current.Volume / previous.Volume;
        foreach (double forward in ForwardRatios)
        {
            if (Near(priceRatio, forward) && volumeRatio >= Math.Sqrt(forward))
                return forward;
            double reverse = 1 / forward;
            if (Near(priceRatio, reverse) && volumeRatio <= Math.Sqrt(reverse))
                return reverse;
        }
        return double.NaN;
    }

    private bool Near(double ratio, double split) => Math.Abs((ratio / split) - 1) <= Tolerance;
}
