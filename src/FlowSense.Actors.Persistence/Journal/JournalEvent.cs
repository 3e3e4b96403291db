namespace FlowSense.Actors.Persistence.Journal;

/// <summary>One event to append: its sequence number in the stream, its serializer manifest and its bytes.</summary>
/// <param name="SequenceNr">Position in the persistence id's stream, starting at 1.</param>
/// <param name="Manifest">The serializer manifest that reads <paramref name="Payload"/> back, for example <c>trade.v2</c>.</param>
/// <param name="Payload">The serialized event. The journal copies it before the write completes.</param>
public readonly record struct JournalEvent(long SequenceNr, string Manifest, ReadOnlyMemory<byte> Payload);
