namespace FlowSense.Actors.Persistence.Snapshots;

/// <summary>
/// Which snapshots a load or delete considers: those with sequence number and timestamp inside the inclusive
/// bounds. Loading picks the latest (highest sequence number) among them.
/// </summary>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr = long.MaxValue,
    DateTimeOffset? MaxTimestamp = null,
    long MinSequenceNr = 0,
    DateTimeOffset? MinTimestamp = null)
{
    /// <summary>Any snapshot: recovery's default.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new();

    /// <summary>No snapshot: recover from events alone.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(MaxSequenceNr: -1);

    /// <summary>Whether a snapshot with this metadata is selected.</summary>
    public bool Matches(SnapshotMetadata metadata) =>
        metadata.SequenceNr <= MaxSequenceNr && metadata.SequenceNr >= MinSequenceNr &&
        (MaxTimestamp is not { } max || metadata.Timestamp <= max) &&
        (MinTimestamp is not { } min || metadata.Timestamp >= min);
}
