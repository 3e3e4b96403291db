namespace FlowSense.Feeds.Binance;

/// <summary>What <see cref="BinanceBookSync.OnDiff"/> did with a depth diff.</summary>
public enum BinanceDiffOutcome : byte
{
    /// <summary>Applied to the book and published.</summary>
    Applied = 1,
    /// <summary>Kept until a snapshot arrives.</summary>
    Buffered = 2,
    /// <summary>Already covered by the book (<c>u</c> ≤ the book's update id): dropped.</summary>
    Stale = 3,
    /// <summary>Its <c>U</c> does not follow the book's update id: the book is out of sync and a snapshot is requested (the diff is buffered).</summary>
    Gap = 4,
}

/// <summary>What <see cref="BinanceBookSync.OnSnapshot"/> did with a REST depth snapshot.</summary>
public enum BinanceSnapshotOutcome : byte
{
    /// <summary>Loaded; buffered diffs after it were applied and the book is live.</summary>
    Synced = 1,
    /// <summary>
    /// Older than the first buffered diff can continue (<c>U</c> &gt; lastUpdateId + 1): updates between them are missing.
    /// The book stays unsynchronised and another snapshot is requested.
    /// </summary>
    TooOld = 2,
    /// <summary>The book is already live and newer than this snapshot: ignored.</summary>
    Ignored = 3,
}
