namespace FlowSense.Management.Contract;

/// <summary>The node's actor tree (<c>GET /api/v1/actors</c>).</summary>
/// <param name="Root">The root guardian and everything below it.</param>
/// <param name="ActorCount">Actors in the tree.</param>
public sealed record ActorHierarchy(ActorInfo Root, int ActorCount);

/// <summary>One actor of <see cref="ActorHierarchy"/>.</summary>
/// <param name="Path">Its path, e.g. <c>/user/shards/17/BINANCE:BTCUSDT</c>.</param>
/// <param name="ActorType">Its class name.</param>
/// <param name="MailboxDepth">Messages waiting in its mailbox.</param>
/// <param name="RestartCount">Times its supervisor restarted it.</param>
/// <param name="DroppedCount">Messages its mailbox dropped.</param>
/// <param name="Children">Its children, by name.</param>
public sealed record ActorInfo(
    string Path, string ActorType, int MailboxDepth, int RestartCount, long DroppedCount, IReadOnlyList<ActorInfo> Children);
