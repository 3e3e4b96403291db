using System.Diagnostics;

namespace FlowSense.Cli.Bench;

/// <summary>
/// Unix-epoch nanoseconds from the monotonic high-resolution counter: the wall clock read once, then advanced by the
/// stopwatch, so stamps never step backwards and cost one counter read. The replay stamps each event's receive time
/// with it, and the acknowledgement observer reads it again, so both ends of a latency use the same clock.
/// </summary>
internal sealed class IngestClock
{
    private readonly long _originUnixNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private readonly long _originTimestamp = Stopwatch.GetTimestamp();
    private readonly double _nsPerTick = 1e9 / Stopwatch.Frequency;

    public long NowNs() => ToUnixNs(Stopwatch.GetTimestamp());

    /// <summary>A <see cref="Stopwatch"/> timestamp (the system <see cref="TimeProvider"/>'s) on this clock.</summary>
    public long ToUnixNs(long timestamp) => _originUnixNs + (long)((timestamp - _originTimestamp) * _nsPerTick);
}
