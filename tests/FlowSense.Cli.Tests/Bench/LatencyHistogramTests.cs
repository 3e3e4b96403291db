using FlowSense.Cli.Bench;

namespace FlowSense.Cli.Tests.Bench;

/// <summary>
/// The histogram's quantiles are within its bucket precision (1/32) of the exact ones, and never below them, whether
/// one thread records or many at once (each processor into buckets of its own, merged for the report).
/// </summary>
public sealed class LatencyHistogramTests
{
    private static readonly long[] Values = LogUniform(100_000, seed: 7); // 1 ns .. ~0.5 s

    [Fact]
    public void Quantiles_are_exact_to_bucket_precision_and_never_underestimate()
    {
        var histogram = new LatencyHistogram();
        foreach (long v in Values)
            histogram.Record(v);

        AssertQuantiles(histogram, Values);
    }

    [Fact]
    public async Task Values_recorded_by_many_threads_at_once_are_all_counted()
    {
        const int threads = 6;
        var histogram = new LatencyHistogram();
        using var start = new Barrier(threads);
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (int i = t; i < Values.Length; i += threads)
                histogram.Record(Values[i]);
        }, TaskCreationOptions.LongRunning)));

        AssertQuantiles(histogram, Values);
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
        Assert.Equal(0, new LatencyHistogram().Max);
    }

    private static void AssertQuantiles(LatencyHistogram histogram, long[] recorded)
    {
        long[] values = [.. recorded.Order()];
        Assert.Equal(values.Length, histogram.Count);
        foreach (double q in new[] { 0.5, 0.9, 0.99, 0.999 })
        {
            long exact = values[(int)Math.Ceiling(q * values.Length) - 1];
            long reported = histogram.ValueAt(q);
            Assert.InRange(reported, exact, exact + Math.Max(1, exact / 32));
        }
        Assert.InRange(histogram.Max, values[^1], values[^1] + values[^1] / 32);
    }

    private static long[] LogUniform(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (long)Math.Exp(random.NextDouble() * 20))];
    }
}
