namespace FlowSense.Feeds.Bitstamp;

/// <summary>Counts of what the Bitstamp codec decoded, by message type.</summary>
public sealed class BitstampStats
{
    public long Diffs { get; internal set; }
    public long Trades { get; internal set; }
    public long Snapshots { get; internal set; }
    /// <summary>Diffs whose microtimestamp was not above the previous diff of the same pair, as received (before any sync logic).</summary>
    public long OutOfOrderDiffs { get; internal set; }
}
