namespace FlowSense.Actors.Persistence.Journal;

/// <summary>
/// Events of one persistence id that are stored all together or not at all (a PersistAll), tagged with the
/// writer's fencing epoch. The epoch travels with each write rather than with the whole batch because a batching
/// journal combines writes of many shards, each owned under its own epoch.
/// </summary>
public sealed class AtomicWrite
{
    /// <summary>Checks that the events are non-empty and that their sequence numbers are consecutive and positive.</summary>
    /// <exception cref="ArgumentException">The events are empty or not consecutive.</exception>
    public AtomicWrite(string persistenceId, long epoch, IReadOnlyList<JournalEvent> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (events.Count == 0)
            throw new ArgumentException($"An atomic write for '{persistenceId}' needs at least one event.", nameof(events));
        long first = events[0].SequenceNr;
        if (first < 1)
            throw new ArgumentException($"Sequence numbers start at 1; '{persistenceId}' got {first}.", nameof(events));
        for (int i = 1; i < events.Count; i++)
        {
            if (events[i].SequenceNr != first + i)
                throw new ArgumentException(
                    $"Sequence numbers of an atomic write must be consecutive; '{persistenceId}' has {events[i - 1].SequenceNr} then {events[i].SequenceNr}.",
                    nameof(events));
        }

        PersistenceId = persistenceId;
        Epoch = epoch;
        Events = events;
    }

    /// <summary>The stream the events belong to (for a symbol actor, its entity id).</summary>
    public string PersistenceId { get; }

    /// <summary>The writer's fencing epoch (the shard allocation's epoch); lower than the stored one means rejection.</summary>
    public long Epoch { get; }

    /// <summary>The events, in sequence-number order.</summary>
    public IReadOnlyList<JournalEvent> Events { get; }

    /// <summary>The first event's sequence number.</summary>
    public long FirstSequenceNr => Events[0].SequenceNr;

    /// <summary>The last event's sequence number.</summary>
    public long LastSequenceNr => Events[^1].SequenceNr;
}
