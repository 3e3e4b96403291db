namespace FlowSense.Pipeline.Snapshots;

/// <summary>When a symbol actor snapshots its state (whichever comes first), and how many snapshots it keeps.</summary>
public sealed record SymbolSnapshotOptions
{
    /// <summary>Snapshot after this many events processed since the last snapshot.</summary>
    public int EveryEvents { get; init; } = 10_000;

    /// <summary>Snapshot this long after the first event not yet in a snapshot.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Snapshots kept per symbol (older ones are deleted after each save); at least 1.</summary>
    public int Keep { get; init; } = 2;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(EveryEvents, 1, nameof(EveryEvents));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Every, TimeSpan.Zero, nameof(Every));
        ArgumentOutOfRangeException.ThrowIfLessThan(Keep, 1, nameof(Keep));
    }
}
