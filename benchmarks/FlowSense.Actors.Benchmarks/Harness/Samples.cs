namespace FlowSense.Actors.Benchmarks.Harness;

/// <summary>Order statistics of repeated measurements (the machine is shared, so we quote medians).</summary>
internal static class Samples
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>The nearest-rank percentile (no interpolation): a value that was actually measured.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
            throw new ArgumentException("No samples.", nameof(values));
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
