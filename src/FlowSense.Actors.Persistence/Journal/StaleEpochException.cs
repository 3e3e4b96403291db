namespace FlowSense.Actors.Persistence.Journal;

/// <summary>
/// A write or delete carried an epoch lower than the one already stored for its persistence id: the writer lost
/// ownership of the shard (it was paused or partitioned while another node took over) and must stop.
/// </summary>
public sealed class StaleEpochException : Exception
{
    public StaleEpochException(string persistenceId, long writerEpoch, long storedEpoch)
        : base($"Write to '{persistenceId}' rejected: its epoch {writerEpoch} is older than the stored epoch {storedEpoch}. " +
               "Another owner has taken over this entity's shard; this writer must stop it instead of retrying.")
    {
        PersistenceId = persistenceId;
        WriterEpoch = writerEpoch;
        StoredEpoch = storedEpoch;
    }

    public string PersistenceId { get; }

    public long WriterEpoch { get; }

    public long StoredEpoch { get; }
}
