namespace FlowSense.Actors.Persistence.Journal;

/// <summary>
/// The rules every journal back end applies, in one place: a write is admitted when its epoch is not below the
/// stream's epoch and its first sequence number is above the stream's highest. Back ends call this while they hold
/// the streams' heads locked (a row lock in PostgreSQL, the write lock in SQLite), so the decision cannot race
/// with another writer, then store the admitted events and the updated heads in the same transaction.
/// </summary>
public static class WriteAdmission
{
    /// <summary>
    /// Decides each write in order and advances <paramref name="heads"/> for the admitted ones, so later writes of
    /// the same stream in the batch are judged against the earlier ones.
    /// </summary>
    /// <param name="writes">The batch.</param>
    /// <param name="heads">The locked heads of every stream in the batch; streams never written are absent.</param>
    /// <param name="rejections">Filled with one entry per write: null when admitted, else the reason.</param>
    /// <returns>The number of admitted writes.</returns>
    public static int Decide(IReadOnlyList<AtomicWrite> writes, Dictionary<string, StreamHead> heads, Exception?[] rejections)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.Length < writes.Count)
            throw new ArgumentException("One rejection slot per write is needed.", nameof(rejections));

        int admitted = 0;
        for (int i = 0; i < writes.Count; i++)
        {
            AtomicWrite write = writes[i];
            heads.TryGetValue(write.PersistenceId, out StreamHead head);
            if (write.Epoch < head.Epoch)
            {
                rejections[i] = new StaleEpochException(write.PersistenceId, write.Epoch, head.Epoch);
            }
            else if (write.FirstSequenceNr <= head.HighestSequenceNr)
            {
                rejections[i] = new SequenceConflictException(write.PersistenceId, write.FirstSequenceNr, head.HighestSequenceNr);
            }
            else
            {
                rejections[i] = null;
                heads[write.PersistenceId] = new StreamHead(write.Epoch, write.LastSequenceNr);
                admitted++;
            }
        }

        return admitted;
    }

    /// <summary>Total number of events in the admitted writes.</summary>
    public static int CountAdmittedEvents(IReadOnlyList<AtomicWrite> writes, Exception?[] rejections)
    {
        int count = 0;
        for (int i = 0; i < writes.Count; i++)
        {
            if (rejections[i] is null)
                count += writes[i].Events.Count;
        }

        return count;
    }
}
