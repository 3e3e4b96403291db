namespace FlowSense.Actors.Persistence.Journal;

/// <summary>
/// A write's first sequence number is not above the highest one already stored for its persistence id: a duplicate
/// (a retried write whose first attempt did commit) or two writers on one stream.
/// </summary>
public sealed class SequenceConflictException : Exception
{
    public SequenceConflictException(string persistenceId, long firstSequenceNr, long highestStored)
        : base($"Write to '{persistenceId}' rejected: sequence nr {firstSequenceNr} is not above the highest stored one, {highestStored}. " +
               "Either an earlier attempt of this write did commit (recover to see it) or a second writer appends to the same stream.")
    {
        PersistenceId = persistenceId;
        FirstSequenceNr = firstSequenceNr;
        HighestStored = highestStored;
    }

    public string PersistenceId { get; }

    public long FirstSequenceNr { get; }

    public long HighestStored { get; }
}
