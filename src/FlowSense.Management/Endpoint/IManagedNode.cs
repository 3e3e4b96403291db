using FlowSense.Management.Contract;

namespace FlowSense.Management.Endpoint;

/// <summary>
/// What the management endpoint needs of a node. The host implements it over its actor system, shard region and
/// connectors; the endpoint only translates HTTP. Per-symbol and connector lookups return null for an unknown name
/// (the endpoint answers 404).
/// </summary>
public interface IManagedNode
{
    /// <summary>The node's identity and status.</summary>
    NodeInfo Node();

    /// <summary>The actor tree now.</summary>
    ActorHierarchy Actors();

    /// <summary>The symbols the node owns.</summary>
    Task<SymbolList> SymbolsAsync(CancellationToken cancellationToken);

    /// <summary>The top <paramref name="depth"/> levels of a symbol's book, or null for an unknown symbol.</summary>
    Task<SymbolBook?> BookAsync(string symbol, int depth, CancellationToken cancellationToken);

    /// <summary>A symbol's features, or null for an unknown symbol.</summary>
    Task<SymbolFeatures?> FeaturesAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>A symbol's last <paramref name="count"/> bars, or null for an unknown symbol.</summary>
    Task<SymbolBars?> BarsAsync(string symbol, int count, CancellationToken cancellationToken);

    /// <summary>A symbol actor's counters, or null for an unknown symbol.</summary>
    Task<SymbolCounters?> CountersAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>The connectors now.</summary>
    ConnectorList Connectors();

    /// <summary>Restarts a connector; null for an unknown name, <see cref="ConnectorRestart.Accepted"/> false when it cannot be restarted now.</summary>
    Task<ConnectorRestart?> RestartConnectorAsync(string name, CancellationToken cancellationToken);
}
