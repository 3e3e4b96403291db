namespace FlowSense.Management.Contract;

/// <summary>The node's connectors: live feeds and replays (<c>GET /api/v1/connectors</c>).</summary>
public sealed record ConnectorList(IReadOnlyList<ConnectorInfo> Connectors);

/// <summary>One connector of <see cref="ConnectorList"/>.</summary>
/// <param name="Name">Its configured name (the key of <c>POST /api/v1/connectors/{name}/restart</c>).</param>
/// <param name="Kind">websocket, or the replayed format (lean, capture, itch, lobster).</param>
/// <param name="State">Connecting, Syncing, Live, Disconnected, Stopped; for replays Replaying, Completed, Failed.</param>
/// <param name="Reconnects">Connections after the first.</param>
/// <param name="Resyncs">Books resynchronized within a connection.</param>
/// <param name="Events">Events it delivered.</param>
/// <param name="Rejected">Inputs it refused (malformed, undecodable), each quarantined.</param>
/// <param name="LastError">Its last error, if any.</param>
/// <param name="Progress">For a replay, the fraction done (0 to 1).</param>
public sealed record ConnectorInfo(
    string Name, string Kind, string State, long Reconnects, long Resyncs, long Events, long Rejected, string? LastError,
    double? Progress);
