using System.Collections.Concurrent;
using FlowSense.Actors.Persistence.Snapshots;

namespace FlowSense.Pipeline.Tests.Snapshots;

/// <summary>
/// A snapshot store that counts the loads (in all, and per id) and makes the first <paramref name="failures"/> of them
/// fail as an unreachable database's would; everything else goes to <paramref name="inner"/>.
/// </summary>
internal sealed class LoadCountingStore(ISnapshotStore inner, int failures = 0) : ISnapshotStore
{
    private readonly ConcurrentDictionary<string, int> _loadsById = new(StringComparer.Ordinal);
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    public int LoadsOf(string persistenceId) => _loadsById.GetValueOrDefault(persistenceId);

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        _loadsById.AddOrUpdate(persistenceId, 1, (_, n) => n + 1);
        return Interlocked.Increment(ref _loads) <= failures
            ? Task.FromException<SelectedSnapshot?>(new IOException("connection refused"))
            : inner.LoadAsync(persistenceId, criteria, cancellationToken);
    }

    public Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        inner.SaveAsync(metadata, manifest, payload, cancellationToken);

    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default) => inner.DeleteAsync(metadata, cancellationToken);

    public Task<int> DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(persistenceId, criteria, cancellationToken);

    public Task<long> HighestEpochAsync(CancellationToken cancellationToken = default) => inner.HighestEpochAsync(cancellationToken);

    public Task<int> KeepLatestAsync(string persistenceId, int keep, CancellationToken cancellationToken = default) =>
        inner.KeepLatestAsync(persistenceId, keep, cancellationToken);
}
