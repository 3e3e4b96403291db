namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// Asks a <see cref="ShardRegion"/> where the messages for <see cref="EntityId"/>'s shard go; the answer is a
/// <see cref="ShardRoute"/>. A sender with a steady stream of messages for known entities (an ingestion run) resolves
/// each shard once and then tells the shard itself, which saves the region's hop: one mailbox, one turn and one
/// thread-pool work item per message, and a single actor every message of the node would otherwise queue behind.
/// </summary>
/// <remarks>
/// Messages of one sender stay in order only on one path: send an entity's messages either all through the region or,
/// from the first on, all to its route. A route stays valid while its shard lives on this node (every shard is local
/// until the cluster issue adds handoff, which must then tell route holders to resolve again).
/// </remarks>
public sealed record GetShardRoute(string EntityId);

/// <summary>Where the messages of one shard's entities go.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Target">The shard actor (started if it was not), which delivers to its entities as the region does.</param>
public sealed record ShardRoute(ShardId Shard, IActorRef Target);
