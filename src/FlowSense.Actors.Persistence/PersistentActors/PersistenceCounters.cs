using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.PersistentActors;

/// <summary>
/// What the persistent actors of a node have had refused or lost, for metrics and for tests: a fencing rejection
/// in particular must be visible, because it means another node owns the entity now. Counts only grow.
/// </summary>
public sealed class PersistenceCounters
{
    private long _staleEpochRejections;
    private long _sequenceConflicts;
    private long _persistFailures;

    /// <summary>Events the journal refused because their writer's epoch was stale (<see cref="StaleEpochException"/>).</summary>
    public long StaleEpochRejections => Interlocked.Read(ref _staleEpochRejections);

    /// <summary>Events the journal refused because their sequence number was already stored (<see cref="SequenceConflictException"/>).</summary>
    public long SequenceConflicts => Interlocked.Read(ref _sequenceConflicts);

    /// <summary>Events whose write failed as a whole (storage error, open circuit breaker).</summary>
    public long PersistFailures => Interlocked.Read(ref _persistFailures);

    internal void CountRejection(Exception cause)
    {
        if (cause is StaleEpochException)
            Interlocked.Increment(ref _staleEpochRejections);
        else
            Interlocked.Increment(ref _sequenceConflicts);
    }

    internal void CountFailure() => Interlocked.Increment(ref _persistFailures);
}
