using FlowSense.Management.Contract;

namespace FlowSense.Node.Connectors;

/// <summary>
/// A source of events the node runs, as the management endpoint, the metrics and the console see it: a replay of a
/// recorded file or a live websocket connection.
/// </summary>
internal interface INodeConnector
{
    string Name { get; }

    /// <summary>Events it delivered to ingestion.</summary>
    long Events { get; }

    /// <summary>Inputs it refused (malformed, undecodable).</summary>
    long Rejected { get; }

    /// <summary>Inputs kept in its quarantine.</summary>
    long Quarantined { get; }

    ConnectorInfo ToInfo();

    /// <summary>Restarts it, or says why it cannot be restarted (<see cref="ConnectorRestart.Accepted"/> false).</summary>
    Task<ConnectorRestart> RestartAsync(TimeSpan askTimeout, CancellationToken cancellationToken);
}
