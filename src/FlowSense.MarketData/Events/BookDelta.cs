namespace FlowSense.MarketData.Events;

/// <summary>What an L2 delta does to a price level.</summary>
public enum BookAction : byte
{
    /// <summary>A new level, or replace the size of an existing one.</summary>
    Add = 1,
    /// <summary>Replace the size of an existing level (size 0 deletes it).</summary>
    Update = 2,
    /// <summary>Remove the level.</summary>
    Delete = 3,
    /// <summary>Remove every level of the book (Side and Price are ignored).</summary>
    Clear = 4,
}

/// <summary>Flags that mark deltas belonging to a snapshot, and the last delta of an atomic batch.</summary>
[Flags]
public enum DeltaFlags : byte
{
    None = 0,
    /// <summary>The delta is part of a full snapshot.</summary>
    Snapshot = 1,
    /// <summary>The last delta of a venue message: the book is consistent after it.</summary>
    LastInBatch = 2,
}

/// <summary>A level-2 change: the new total size at one price on one side.</summary>
public readonly record struct BookDelta(EventHeader Header, Side Side, long Price, long Size, BookAction Action, DeltaFlags Flags = DeltaFlags.LastInBatch);
