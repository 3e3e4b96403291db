using FlowSense.Cli.Bench;

namespace FlowSense.Cli.Tests.Bench;

/// <summary>The histogram's quantiles are within its bucket precision (1/32) of the exact ones, and never below them.</summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Quantiles_are_exact_to_bucket_precision_and_never_underestimate()
    {
        var histogram = new LatencyHistogram();
        var random = new Random(7);
        long[] values = [.. Enumerable.Range(0, 100_000).Select(_ => (long)Math.Exp(random.NextDouble() * 20))]; // 1 ns .. ~0.5 s
        foreach (long v in values)
            histogram.Record(v);
        Array.Sort(values);

        Assert.Equal(values.Length, histogram.Count);
        foreach (double q in new[] { 0.5, 0.9, 0.99, 0.999 })
        {
            long exact = values[(int)Math.Ceiling(q * values.Length) - 1];
            long reported = histogram.ValueAt(q);
            Assert.InRange(reported, exact, exact + Math.Max(1, exact / 32));
        }
        Assert.InRange(histogram.Max, values[^1], values[^1] + values[^1] / 32);
    }

    [Fact]
    public void Small_values_are_exact_and_negatives_count_as_zero()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(3);
        histogram.Record(31);

        Assert.Equal(0, histogram.ValueAt(0.2));
        Assert.Equal(3, histogram.ValueAt(0.5));
        Assert.Equal(31, histogram.ValueAt(1));
        Assert.Equal(0, new LatencyHistogram().ValueAt(0.99));
    }
}
