namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// Asks for a direct route to an entity (send it to the <see cref="ShardRegion"/> like any entity message); the answer
/// is an <see cref="EntityRoute"/>. A sender with a steady stream of messages for known entities (an ingestion run)
/// resolves each entity once and then tells it directly: the region's and the shard's hops cost a mailbox, a turn and
/// a thread-pool work item each per message, and the region is one actor every message of the node queues behind.
/// </summary>
/// <remarks>
/// <para>The shard starts the entity if needed and <em>pins</em> it: a pinned entity is never passivated, so the
/// reference stays good (a restart keeps it). Give the pin back with <see cref="ReleaseEntityRoute"/> when done.</para>
/// <para>While the entity is stopping (passivation under way) the route is the shard itself, which holds messages and
/// re-creates the entity for them, as it does for messages through the region.</para>
/// <para>Messages of one sender stay in order only on one path: send an entity's messages either all through the
/// region or, from the first on, all to its route. A route is valid while its shard lives on this node (every shard is
/// local until the cluster issue adds handoff, which must then tell route holders to resolve again). An entity that
/// its shard stops for good (restart limit reached) no longer receives what is sent to its route: those messages go
/// to dead letters, counted.</para>
/// </remarks>
public sealed record GetEntityRoute(string EntityId) : IEntityMessage;

/// <summary>Where the messages of one entity may go directly.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Target">The entity itself, pinned; or its shard while the entity is stopping.</param>
public sealed record EntityRoute(string EntityId, IActorRef Target);

/// <summary>Gives back the pin of a <see cref="GetEntityRoute"/> (send it to the region); the entity may be passivated again.</summary>
public sealed record ReleaseEntityRoute(string EntityId) : IEntityMessage;
