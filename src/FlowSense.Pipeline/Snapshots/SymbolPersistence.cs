using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Persistence.Snapshots;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// What makes symbol actors durable: the snapshot store (SQLite by default, PostgreSQL when configured), when to
/// snapshot, and the fencing epoch of each shard, written with every snapshot so a former owner of a shard cannot
/// overwrite its successor's state.
/// </summary>
/// <param name="Store">Where snapshots go.</param>
/// <param name="Options">When to snapshot.</param>
/// <param name="EpochOf">The epoch of a shard's current allocation on this node.</param>
public sealed record SymbolPersistence(ISnapshotStore Store, SymbolSnapshotOptions Options, Func<ShardId, long> EpochOf)
{
    /// <summary>The clock that stamps snapshots.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// For a single node, which owns every shard: one epoch for all of them, above every epoch already stored, so
    /// this incarnation of the node fences off any earlier one that is still running (paused, not dead).
    /// </summary>
    public static async Task<SymbolPersistence> ForSingleNodeAsync(ISnapshotStore store, SymbolSnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        long epoch = await store.HighestEpochAsync(cancellationToken).ConfigureAwait(false) + 1;
        return new SymbolPersistence(store, options ?? new SymbolSnapshotOptions(), _ => epoch);
    }
}
