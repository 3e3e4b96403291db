namespace FlowSense.Management.Contract;

/// <summary>
/// The routes of the management API, shared by the endpoint and the client so the two cannot drift apart.
/// Per-symbol routes take the symbol as <c>VENUE:SYMBOL</c>, URL-escaped.
/// </summary>
public static class ManagementRoutes
{
    /// <summary>The prefix of every JSON route.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>GET: <see cref="NodeInfo"/>.</summary>
    public const string Node = Prefix + "/node";

    /// <summary>GET: <see cref="ActorHierarchy"/>.</summary>
    public const string Actors = Prefix + "/actors";

    /// <summary>GET: <see cref="SymbolList"/>.</summary>
    public const string Symbols = Prefix + "/symbols";

    /// <summary>GET: <see cref="ConnectorList"/>.</summary>
    public const string Connectors = Prefix + "/connectors";

    /// <summary>GET: the node's meters in Prometheus text exposition format 0.0.4.</summary>
    public const string Metrics = "/metrics";

    /// <summary>The default number of book levels per side.</summary>
    public const int DefaultDepth = 10;

    /// <summary>The default number of bars.</summary>
    public const int DefaultBarCount = 20;

    /// <summary>GET: <see cref="SymbolBook"/> with <paramref name="depth"/> levels a side.</summary>
    public static string Book(string symbol, int depth = DefaultDepth) => $"{Symbol(symbol)}/book?depth={depth}";

    /// <summary>GET: <see cref="SymbolFeatures"/>.</summary>
    public static string Features(string symbol) => $"{Symbol(symbol)}/features";

    /// <summary>GET: <see cref="SymbolBars"/>, the last <paramref name="count"/>.</summary>
    public static string Bars(string symbol, int count = DefaultBarCount) => $"{Symbol(symbol)}/bars?count={count}";

    /// <summary>GET: <see cref="SymbolCounters"/>.</summary>
    public static string Counters(string symbol) => $"{Symbol(symbol)}/counters";

    /// <summary>POST: <see cref="ConnectorRestart"/>.</summary>
    public static string RestartConnector(string name) => $"{Connectors}/{Uri.EscapeDataString(name)}/restart";

    private static string Symbol(string symbol) => $"{Symbols}/{Uri.EscapeDataString(symbol)}";
}
