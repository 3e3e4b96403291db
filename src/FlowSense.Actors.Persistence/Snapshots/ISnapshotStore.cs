namespace FlowSense.Actors.Persistence.Snapshots;

/// <summary>
/// Stores snapshots of actor state so recovery replays only the events after the latest one. Implementations:
/// PostgreSQL and SQLite.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Stores a snapshot; saving the same (persistence id, sequence nr) again replaces it.</summary>
    /// <exception cref="Journal.StaleEpochException">
    /// <paramref name="metadata"/>'s epoch is lower than that of a snapshot already stored for the stream; nothing is stored.
    /// </exception>
    Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>The latest snapshot (highest sequence number) matching <paramref name="criteria"/>, or null.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes the one snapshot with this persistence id and sequence number, if present.</summary>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of the stream matching <paramref name="criteria"/>; returns how many.</summary>
    Task<int> DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest epoch of any stored snapshot (0 when there is none). A single node, which owns every shard, starts
    /// its epoch above it, so whatever it writes fences off an earlier incarnation of itself that is still running.
    /// </summary>
    Task<long> HighestEpochAsync(CancellationToken cancellationToken = default);

    /// <summary>Retention: keeps the <paramref name="keep"/> latest snapshots of the stream and deletes the rest; returns how many were deleted.</summary>
    Task<int> KeepLatestAsync(string persistenceId, int keep, CancellationToken cancellationToken = default);
}
