namespace FlowSense.Actors.Persistence.Journal;

/// <summary>An event read back from the journal during recovery.</summary>
/// <param name="PersistenceId">The stream it belongs to.</param>
/// <param name="SequenceNr">Its position in the stream.</param>
/// <param name="Epoch">The fencing epoch of the writer that stored it.</param>
/// <param name="Manifest">The serializer manifest that reads <paramref name="Payload"/>.</param>
/// <param name="Payload">The serialized event; the memory belongs to the receiver.</param>
/// <param name="WrittenAt">When the database committed it (database clock).</param>
public readonly record struct ReplayedEvent(
    string PersistenceId, long SequenceNr, long Epoch, string Manifest, ReadOnlyMemory<byte> Payload, DateTimeOffset WrittenAt);
