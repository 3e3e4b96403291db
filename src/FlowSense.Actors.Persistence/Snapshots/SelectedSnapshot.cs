namespace FlowSense.Actors.Persistence.Snapshots;

/// <summary>A snapshot loaded for recovery: its metadata, its serializer manifest and its bytes.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, string Manifest, ReadOnlyMemory<byte> Payload);
