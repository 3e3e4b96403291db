namespace FlowSense.Actors.Persistence.Journal;

/// <summary>
/// Append-only event storage per persistence id, fenced by epoch. Implementations: PostgreSQL for clusters, SQLite
/// for the embedded single-node default; decorators add batching (<see cref="Batching.BatchingJournal"/>) and a
/// circuit breaker (<see cref="CircuitBreaker.JournalCircuitBreaker"/>).
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Stores the writes. Each write is atomic on its own; the task completes only after the commit that holds
    /// every accepted write.
    /// </summary>
    /// <returns>
    /// One entry per write, in order: <see langword="null"/> when it was stored, otherwise the reason it was
    /// rejected and nothing of it stored (<see cref="StaleEpochException"/>, <see cref="SequenceConflictException"/>).
    /// Rejections do not affect the other writes.
    /// </returns>
    /// <exception cref="Exception">The storage failed as a whole: no write of the call may be assumed stored.</exception>
    Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onEvent"/> for each stored event with <paramref name="fromSequenceNr"/> ≤ seqNr ≤ <paramref name="toSequenceNr"/>, in order.</summary>
    Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, Action<ReplayedEvent> onEvent, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever stored for the id (0 if none); deletion does not lower it.</summary>
    Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes events up to and including <paramref name="toSequenceNr"/> (typically after a snapshot). Fenced like
    /// writes: a stale owner cannot delete.
    /// </summary>
    /// <exception cref="StaleEpochException"><paramref name="epoch"/> is lower than the stored epoch.</exception>
    Task DeleteToAsync(string persistenceId, long toSequenceNr, long epoch, CancellationToken cancellationToken = default);
}
