namespace FlowSense.Feeds.Kraken;

/// <summary>Book-keeping specific to Kraken: snapshots, updates, checksum outcomes and trades.</summary>
public sealed class KrakenStats
{
    public long Snapshots { get; internal set; }
    public long BookUpdates { get; internal set; }
    /// <summary>Updates that carried a checksum <c>c</c>, and how many of those the rebuilt book matched.</summary>
    public long ChecksumsVerified { get; internal set; }
    public long ChecksumMatches { get; internal set; }
    public long ChecksumMismatches { get; internal set; }
    /// <summary>Level updates flagged "r" (republished because a level re-entered the subscribed depth).</summary>
    public long Republished { get; internal set; }
    /// <summary>Book updates dropped because their pair was waiting for a snapshot (before the first, or after a mismatch).</summary>
    public long DroppedAwaitingSnapshot { get; internal set; }
    public long Trades { get; internal set; }
}
