using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.Snapshots;

/// <summary>A snapshot store in process memory with the database stores' semantics, for unit tests of persistent actors.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<long, SelectedSnapshot>> _snapshots = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(metadata.PersistenceId, out SortedList<long, SelectedSnapshot>? stream))
                _snapshots[metadata.PersistenceId] = stream = [];
            long stored = stream.Count == 0 ? 0 : stream.Values.Max(s => s.Metadata.Epoch);
            if (metadata.Epoch < stored)
                return Task.FromException(new StaleEpochException(metadata.PersistenceId, metadata.Epoch, stored));
            stream[metadata.SequenceNr] = new SelectedSnapshot(metadata, manifest, payload.ToArray());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
            return Task.FromResult(Matching(persistenceId, criteria).LastOrDefault());
    }

    /// <inheritdoc />
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_snapshots.TryGetValue(metadata.PersistenceId, out SortedList<long, SelectedSnapshot>? stream))
                stream.Remove(metadata.SequenceNr);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            List<SelectedSnapshot> doomed = Matching(persistenceId, criteria);
            foreach (SelectedSnapshot snapshot in doomed)
                _snapshots[persistenceId].Remove(snapshot.Metadata.SequenceNr);
            return Task.FromResult(doomed.Count);
        }
    }

    /// <inheritdoc />
    public Task<long> HighestEpochAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_snapshots.Values.SelectMany(s => s.Values).Select(s => s.Metadata.Epoch).DefaultIfEmpty(0).Max());
    }

    /// <inheritdoc />
    public Task<int> KeepLatestAsync(string persistenceId, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(persistenceId, out SortedList<long, SelectedSnapshot>? stream))
                return Task.FromResult(0);
            int deleted = 0;
            while (stream.Count > keep)
            {
                stream.RemoveAt(0);
                deleted++;
            }

            return Task.FromResult(deleted);
        }
    }

    private List<SelectedSnapshot> Matching(string persistenceId, SnapshotSelectionCriteria criteria) =>
        _snapshots.TryGetValue(persistenceId, out SortedList<long, SelectedSnapshot>? stream)
            ? [.. stream.Values.Where(s => criteria.Matches(s.Metadata))]
            : [];
}
