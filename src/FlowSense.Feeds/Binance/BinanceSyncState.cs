namespace FlowSense.Feeds.Binance;

/// <summary>Where a <see cref="BinanceBookSync"/> stands.</summary>
public enum BinanceSyncState : byte
{
    /// <summary>No usable book: diffs are buffered until a REST snapshot arrives (at start, and after a gap).</summary>
    AwaitingSnapshot = 1,
    /// <summary>The book is live: each diff must continue the previous one.</summary>
    Synced = 2,
}
