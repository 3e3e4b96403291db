namespace FlowSense.Actors.Persistence.Snapshots;

/// <summary>Identifies a snapshot: the stream, the sequence number of the last event it includes, and when it was taken.</summary>
public readonly record struct SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
