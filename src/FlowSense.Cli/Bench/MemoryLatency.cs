using System.Diagnostics;

namespace FlowSense.Cli.Bench;

/// <summary>How long one random read takes when the data spans <see cref="Bytes"/>.</summary>
internal readonly record struct MemoryLatencyPoint(long Bytes, double NanosecondsPerRead);

/// <summary>
/// The machine's memory as the pipeline meets it: the time of a random read that depends on the one before, over
/// working sets of growing size. A thousand symbols' books, windows and actors are spread over tens of megabytes, and
/// most of an event's cost at a paced rate is such reads. A virtual machine's share of a shared cache can be far below
/// what <c>lscpu</c> reports (this project's machines report 32 MB of L3; past about 4 MB a read costs as much as one
/// from memory), which is what decides how many symbols a core can keep in cache.
/// </summary>
/// <remarks>
/// Pointer chasing over one random cycle through every cache line of the set (Sattolo's shuffle), so each read waits
/// for the previous one and the hardware prefetchers cannot guess the next: the latency, not the bandwidth. One pass
/// over the cycle first, so the timed reads meet the set as it settles in the caches.
/// </remarks>
internal static class MemoryLatency
{
    public const int LineBytes = 64;
    private static long s_last; // where the last chase ended: a use of its reads

    /// <summary>The sizes the bench reports: within a core's L2, about what this project's machines keep in cache, past it, and far past it.</summary>
    public static readonly long[] DefaultSizes = [1L << 20, 4L << 20, 16L << 20, 64L << 20];

    /// <summary>Measures each size in turn, with <paramref name="reads"/> timed reads each.</summary>
    public static MemoryLatencyPoint[] Measure(IReadOnlyList<long> sizes, int reads = 1_000_000, int seed = 1)
    {
        var points = new MemoryLatencyPoint[sizes.Count];
        for (int i = 0; i < sizes.Count; i++)
        {
            // Native memory, freed at once: tens of megabytes of the GC's would stay in the process's resident set and
            // show in the runs' memory samples.
            using var cycle = new LineCycle(sizes[i], seed);
            points[i] = new(sizes[i], NanosecondsPerRead(cycle, reads));
        }
        return points;
    }

    private static double NanosecondsPerRead(LineCycle cycle, int reads)
    {
        long at = cycle.Follow(0, cycle.Lines); // settle
        long start = Stopwatch.GetTimestamp();
        at = cycle.Follow(at, reads);
        long elapsed = Stopwatch.GetTimestamp() - start;
        s_last = at;
        return elapsed * 1e9 / Stopwatch.Frequency / reads;
    }
}
