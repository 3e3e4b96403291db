namespace FlowSense.Cli.Bench;

/// <summary>
/// A histogram's latencies one interval at a time: each <see cref="Sample"/> summarizes what was recorded since the
/// previous one (the difference of two bucket snapshots), so recording costs nothing more. A whole run's p99 cannot tell
/// a steady tail from a few bad seconds (a stalled core, a burst of compilation, a noisy neighbour); the per-second
/// p99s can.
/// </summary>
internal sealed class LatencySeries(LatencyHistogram histogram)
{
    private readonly List<LatencyInterval> _intervals = [];
    private long[] _previous = histogram.Counts();

    /// <summary>The intervals that recorded something, oldest first.</summary>
    public IReadOnlyList<LatencyInterval> Intervals
    {
        get
        {
            lock (_intervals)
                return [.. _intervals];
        }
    }

    /// <summary>Closes the interval ending at <paramref name="atSeconds"/> (kept only if it recorded something). One caller at a time.</summary>
    public void Sample(double atSeconds)
    {
        long[] now = histogram.Counts();
        long[] recorded = new long[now.Length];
        for (int i = 0; i < now.Length; i++)
            recorded[i] = now[i] - _previous[i];
        _previous = now;
        long count = recorded.Sum();
        if (count == 0)
            return;
        var interval = new LatencyInterval(atSeconds, count, LatencyHistogram.ValueAt(recorded, 0.5), LatencyHistogram.ValueAt(recorded, 0.99),
            LatencyHistogram.MaxOf(recorded));
        lock (_intervals)
            _intervals.Add(interval);
    }
}

/// <summary>The latencies recorded in one interval of a run.</summary>
/// <param name="AtSeconds">When the interval ended, in seconds since the run started.</param>
/// <param name="Count">Latencies recorded in it.</param>
/// <param name="P50Ns">Its median, to bucket precision; likewise <paramref name="P99Ns"/> and <paramref name="MaxNs"/>.</param>
internal sealed record LatencyInterval(double AtSeconds, long Count, long P50Ns, long P99Ns, long MaxNs);
