namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// A message that names the entity it is for. A <see cref="ShardRegion"/> routes it to that entity's shard, which
/// delivers it to the entity as it is (no envelope, so a batch costs one message end to end).
/// </summary>
public interface IEntityMessage
{
    /// <summary>The entity's id, e.g. <c>NASDAQ:AAPL</c>.</summary>
    string EntityId { get; }
}

/// <summary>Wraps a message that does not name its entity; the entity receives <see cref="Message"/> alone.</summary>
public sealed record ShardEnvelope(string EntityId, object Message) : IEntityMessage;
