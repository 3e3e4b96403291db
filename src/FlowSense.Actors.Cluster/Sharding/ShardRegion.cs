namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// The entry point to sharded entities on this node, at <c>/user/shards</c>. Send it an <see cref="IEntityMessage"/>
/// (or a <see cref="ShardEnvelope"/>) and it reaches the entity at <c>/user/shards/&lt;shard&gt;/&lt;entity&gt;</c>,
/// with the original sender, created on demand. Shards (<see cref="ShardId"/>) are started on their first message.
/// Ask it <see cref="GetShardRegionState"/> for the shards and their entities, and <see cref="GetEntityRoute"/> for a
/// reference a busy sender may tell directly.
/// </summary>
/// <remarks>
/// Every shard is local for now. The cluster issue adds an allocation table: a message for a shard owned by another
/// node is then forwarded to that node's region, and one for a shard in handoff is buffered (bounded).
/// </remarks>
public sealed class ShardRegion : ReceiveActor
{
    /// <summary>The region's actor name under <c>/user</c>.</summary>
    public const string Name = "shards";

    private readonly Func<string, Props> _entityProps;
    private readonly ShardingOptions _options;
    private readonly IActorRef?[] _shards;

    public ShardRegion(Func<string, Props> entityProps, ShardingOptions options)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _entityProps = entityProps;
        _options = options;
        _shards = new IActorRef?[options.ShardCount];
        Receive<IEntityMessage>(m => ShardOf(m.EntityId).Tell(m, Sender));
        Receive<GetShardRegionState>(_ => Context.ActorOf(ShardStateCollector.Props(Sender, [.. _shards.OfType<IActorRef>()], _options.QueryTimeout)));
    }

    /// <summary>Props of a region whose entities are made by <paramref name="entityProps"/> (given the entity id).</summary>
    public static Props Props(Func<string, Props> entityProps, ShardingOptions? options = null) =>
        Actors.Props.Create(() => new ShardRegion(entityProps, options ?? new ShardingOptions()));

    /// <summary>Starts the region at <c>/user/shards</c>.</summary>
    public static IActorRef Start(ActorSystem system, Func<string, Props> entityProps, ShardingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.ActorOf(Props(entityProps, options), Name);
    }

    private IActorRef ShardOf(string entityId)
    {
        var id = ShardId.Of(entityId, _shards.Length);
        return _shards[id.Value] ??= Context.ActorOf(Shard.Props(id, _entityProps, _options), id.ToString());
    }
}
