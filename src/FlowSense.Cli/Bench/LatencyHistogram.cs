using System.Numerics;

namespace FlowSense.Cli.Bench;

/// <summary>
/// A latency histogram in the manner of HdrHistogram: log-linear buckets (each power of two split into
/// <see cref="SubBuckets"/> equal parts, so every recorded value is known to within 1/32, about 3 %), from 1 ns to
/// about 9 s and a last bucket beyond. Recording is one array increment, lock-free and allocation-free, safe from any
/// number of threads (the symbol actors record concurrently).
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Magnitudes = 34 - SubBucketBits; // 2^33 ns ≈ 8.6 s
    private readonly long[] _counts = new long[(Magnitudes + 1) * SubBuckets + 1];

    /// <summary>Values recorded (a sum over the buckets: recording keeps no shared total, which every core would contend for).</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _counts.Length; i++)
                total += Interlocked.Read(ref _counts[i]);
            return total;
        }
    }

    /// <summary>Records one latency in nanoseconds (negatives, from clock steps, count as 0).</summary>
    public void Record(long nanoseconds) => Interlocked.Increment(ref _counts[IndexOf(Math.Max(0, nanoseconds))]);

    /// <summary>The value at quantile <paramref name="q"/> (0..1): the upper edge of its bucket, so never an underestimate; 0 when empty.</summary>
    public long ValueAt(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        long total = Count;
        if (total == 0)
            return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
                return UpperEdge(i);
        }
        return UpperEdge(_counts.Length - 1);
    }

    /// <summary>The largest value recorded, to bucket precision.</summary>
    public long Max
    {
        get
        {
            for (int i = _counts.Length - 1; i >= 0; i--)
            {
                if (Interlocked.Read(ref _counts[i]) > 0)
                    return UpperEdge(i);
            }
            return 0;
        }
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
