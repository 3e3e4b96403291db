namespace FlowSense.Actors.Persistence.Snapshots;

/// <summary>Identifies a snapshot: the stream, the sequence number of the last event it includes, and when it was taken.</summary>
public readonly record struct SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp)
{
    /// <summary>
    /// The fencing epoch of the writer (the epoch of the shard allocation that owns the entity). A store refuses a
    /// save whose epoch is lower than that of a snapshot it already holds for the stream, with
    /// <see cref="Journal.StaleEpochException"/>: a former owner cannot overwrite its successor's state.
    /// </summary>
    public long Epoch { get; init; }
}
