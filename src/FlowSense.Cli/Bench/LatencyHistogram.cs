using System.Numerics;

namespace FlowSense.Cli.Bench;

/// <summary>
/// A latency histogram in the manner of HdrHistogram: log-linear buckets (each power of two split into
/// <see cref="SubBuckets"/> equal parts, so every recorded value is known to within 1/32, about 3 %), from 1 ns to
/// about 9 s and a last bucket beyond. Recording is one interlocked increment, lock-free and allocation-free, safe from
/// any number of threads (the symbol actors record concurrently).
/// </summary>
/// <remarks>
/// Each processor records into buckets of its own, which the readers merge: with one shared array, both cores'
/// increments took the same cache lines from each other (latencies cluster in a few buckets), once per event. The
/// increments stay interlocked, so a thread that moves between processors, or two processors sharing a stripe, still
/// count exactly.
/// </remarks>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Magnitudes = 34 - SubBucketBits; // 2^33 ns ≈ 8.6 s
    private const int Buckets = (Magnitudes + 1) * SubBuckets + 1;
    private static readonly int Stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount);

    // Separate arrays, 8 KB each: they share at most a line at their ends (values under 32 ns and the overflow bucket).
    private readonly long[][] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new long[Buckets])];

    /// <summary>Values recorded (a sum over the buckets: recording keeps no shared total, which every core would contend for).</summary>
    public long Count => Counts().Sum();

    /// <summary>Records one latency in nanoseconds (negatives, from clock steps, count as 0).</summary>
    public void Record(long nanoseconds) =>
        Interlocked.Increment(ref _stripes[Thread.GetCurrentProcessorId() & (Stripes - 1)][IndexOf(Math.Max(0, nanoseconds))]);

    /// <summary>The value at quantile <paramref name="q"/> (0..1): the upper edge of its bucket, so never an underestimate; 0 when empty.</summary>
    public long ValueAt(double q) => ValueAt(Counts(), q);

    /// <summary>The largest value recorded, to bucket precision.</summary>
    public long Max => MaxOf(Counts());

    /// <summary>
    /// Every stripe's counts added up, each bucket read once: one consistent view for quantiles. The difference of two
    /// such views (bucket by bucket) is what was recorded between them, for <see cref="ValueAt(long[], double)"/>.
    /// </summary>
    public long[] Counts()
    {
        var merged = new long[Buckets];
        foreach (var stripe in _stripes)
        {
            for (int i = 0; i < Buckets; i++)
                merged[i] += Volatile.Read(ref stripe[i]);
        }
        return merged;
    }

    /// <summary>The value at quantile <paramref name="q"/> of bucket <paramref name="counts"/> (see <see cref="Counts"/>).</summary>
    public static long ValueAt(long[] counts, double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        long total = counts.Sum();
        if (total == 0)
            return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
                return UpperEdge(i);
        }
        return UpperEdge(counts.Length - 1);
    }

    /// <summary>The largest value of bucket <paramref name="counts"/>, to bucket precision; 0 when empty.</summary>
    public static long MaxOf(long[] counts)
    {
        int last = Array.FindLastIndex(counts, c => c > 0);
        return last < 0 ? 0 : UpperEdge(last);
    }

    // Values below SubBuckets map one to one; above, magnitude m (the bit length past SubBucketBits) picks a row and
    // the next SubBucketBits bits below the leading one pick the column.
    private static int IndexOf(long value)
    {
        if (value < SubBuckets)
            return (int)value;
        int magnitude = 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits + 1;
        if (magnitude > Magnitudes)
            return (Magnitudes + 1) * SubBuckets; // the overflow bucket
        int column = (int)(value >> (magnitude - 1)) - SubBuckets;
        return magnitude * SubBuckets + column;
    }

    private static long UpperEdge(int index)
    {
        if (index < SubBuckets)
            return index;
        int magnitude = index / SubBuckets;
        if (magnitude > Magnitudes)
            return long.MaxValue;
        int column = index % SubBuckets;
        return ((long)(SubBuckets + column + 1) << (magnitude - 1)) - 1;
    }
}
