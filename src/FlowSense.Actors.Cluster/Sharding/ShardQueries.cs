namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>Asks a <see cref="ShardRegion"/> for its shards and their entities; the answer is a <see cref="ShardRegionState"/>.</summary>
public sealed class GetShardRegionState
{
    public static GetShardRegionState Instance { get; } = new();

    private GetShardRegionState()
    {
    }
}

/// <summary>Every shard started on this node with its entities, ordered by shard id.</summary>
/// <param name="Shards">The shards that answered.</param>
/// <param name="Complete">False when some shard did not answer within the query timeout.</param>
public sealed record ShardRegionState(IReadOnlyList<ShardState> Shards, bool Complete)
{
    /// <summary>Every entity of every shard.</summary>
    public IEnumerable<EntityState> Entities => Shards.SelectMany(s => s.Entities);

    /// <summary>The entity with id <paramref name="entityId"/>, or null if no shard knows it.</summary>
    public EntityState? Find(string entityId) => Entities.FirstOrDefault(e => string.Equals(e.EntityId, entityId, StringComparison.Ordinal));
}

/// <summary>One shard and every entity it has hosted (running, passivated or stopped), ordered by entity id.</summary>
public sealed record ShardState(ShardId Shard, string Path, IReadOnlyList<EntityState> Entities);

/// <summary>What a shard knows of one entity. Counts cover the entity's whole life on this node, across re-creations.</summary>
/// <param name="EntityId">The id messages name.</param>
/// <param name="Path">The entity's actor path (its name escaped, see <see cref="EntityName"/>).</param>
/// <param name="IsActive">True while an instance runs; false when passivated or stopped.</param>
/// <param name="Restarts">Failures the shard answered with a restart.</param>
/// <param name="Passivations">Times the entity was stopped for being idle.</param>
/// <param name="Incarnations">Times the entity was created (first message, and after each passivation or stop).</param>
/// <param name="Dropped">Messages sent to dead letters because the buffer of a stopping entity was full.</param>
public sealed record EntityState(string EntityId, string Path, bool IsActive, int Restarts, int Passivations, int Incarnations, long Dropped);

/// <summary>Asks one shard for its <see cref="ShardState"/>.</summary>
internal sealed class GetShardState
{
    public static GetShardState Instance { get; } = new();

    private GetShardState()
    {
    }
}

/// <summary>The shard's timer: look for idle entities.</summary>
internal sealed class PassivationTick
{
    public static PassivationTick Instance { get; } = new();

    private PassivationTick()
    {
    }
}
