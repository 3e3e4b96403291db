namespace FlowSense.Management.Contract;

/// <summary>Who a node is and what it is doing (<c>GET /api/v1/node</c>).</summary>
/// <param name="NodeId">The node's configured id.</param>
/// <param name="Role">single or cluster.</param>
/// <param name="StartedAt">When the node started.</param>
/// <param name="Status">starting, running, replay-complete, stopping.</param>
/// <param name="Events">Events the node has taken in, all sources together.</param>
public sealed record NodeInfo(string NodeId, string Role, DateTimeOffset StartedAt, string Status, long Events);
