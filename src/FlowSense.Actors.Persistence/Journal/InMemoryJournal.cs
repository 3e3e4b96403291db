namespace FlowSense.Actors.Persistence.Journal;

/// <summary>
/// A journal in process memory with the same rules as the database back ends (it passes the same contract
/// suite): for unit tests of persistent actors, and as the inner journal of decorator tests. Nothing survives
/// the process.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StreamHead> _heads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedList<long, ReplayedEvent>> _streams = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <param name="time">The clock for <see cref="ReplayedEvent.WrittenAt"/>.</param>
    public InMemoryJournal(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var rejections = new Exception?[writes.Count];
        lock (_gate)
        {
            WriteAdmission.Decide(writes, _heads, rejections);
            DateTimeOffset now = _time.GetUtcNow();
            for (int i = 0; i < writes.Count; i++)
            {
                if (rejections[i] is not null)
                    continue;
                AtomicWrite write = writes[i];
                if (!_streams.TryGetValue(write.PersistenceId, out SortedList<long, ReplayedEvent>? stream))
                    _streams[write.PersistenceId] = stream = [];
                foreach (JournalEvent e in write.Events)
                    stream.Add(e.SequenceNr, new ReplayedEvent(write.PersistenceId, e.SequenceNr, write.Epoch, e.Manifest, e.Payload.ToArray(), now));
            }
        }

        return Task.FromResult<IReadOnlyList<Exception?>>(rejections);
    }

    /// <inheritdoc />
    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, Action<ReplayedEvent> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        List<ReplayedEvent> selected;
        lock (_gate)
        {
            selected = _streams.TryGetValue(persistenceId, out SortedList<long, ReplayedEvent>? stream)
                ? [.. stream.Values.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr)]
                : [];
        }

        // Outside the lock: the callback may take its time.
        foreach (ReplayedEvent e in selected)
            onEvent(e);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_heads.TryGetValue(persistenceId, out StreamHead head) ? head.HighestSequenceNr : 0L);
    }

    /// <inheritdoc />
    public Task DeleteToAsync(string persistenceId, long toSequenceNr, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _heads.TryGetValue(persistenceId, out StreamHead head);
            if (epoch < head.Epoch)
                return Task.FromException(new StaleEpochException(persistenceId, epoch, head.Epoch)); // like the database journals: a failed task
            _heads[persistenceId] = head with { Epoch = epoch };
            if (_streams.TryGetValue(persistenceId, out SortedList<long, ReplayedEvent>? stream))
            {
                while (stream.Count > 0 && stream.Keys[0] <= toSequenceNr)
                    stream.RemoveAt(0);
            }
        }

        return Task.CompletedTask;
    }
}
