using FlowSense.Management.Contract;
using FlowSense.Management.Endpoint;

namespace FlowSense.Management.Tests.Endpoint;

/// <summary>A node whose answers the test sets: one symbol, BINANCE:BTCUSDT, and two connectors.</summary>
internal sealed class ScriptedNode : IManagedNode
{
    public const string Symbol = "BINANCE:BTCUSDT";

    private long _version = 1;

    public long Version => Interlocked.Read(ref _version);

    public int Restarts { get; private set; }

    /// <summary>Moves the symbol's state on: its version (the ETag) changes.</summary>
    public void Advance() => Interlocked.Increment(ref _version);

    public NodeInfo Node() => new("node-1", "single", DateTimeOffset.UnixEpoch, "running", 42);

    public ActorHierarchy Actors() => new(
        new ActorInfo("/", "Root", 0, 0, 0,
            [new ActorInfo("/user", "Guardian", 0, 0, 0, [new ActorInfo("/user/shards", "ShardRegion", 3, 1, 0, [])])]),
        3);

    public Task<SymbolList> SymbolsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SymbolList([new SymbolSummary(Symbol, 7, Version, 57000.1m, 57000.2m)]));

    public Task<SymbolBook?> BookAsync(string symbol, int depth, CancellationToken cancellationToken) => Known(symbol,
        () => new SymbolBook(symbol, Version, 100 + Version,
            [.. Enumerable.Range(0, depth).Select(i => new BookLevel(57000.1m - i, 1m + i))],
            [.. Enumerable.Range(0, depth).Select(i => new BookLevel(57000.2m + i, 2m + i))], false, false));

    public Task<SymbolFeatures?> FeaturesAsync(string symbol, CancellationToken cancellationToken) => Known(symbol,
        () => new SymbolFeatures(symbol, Version, DateTimeOffset.UnixEpoch, 57000.1m, 57000.2m, 57000.15, 0.1m, 1.7e-6, 57000.13,
            -0.2, 3m, null, null, null, null, 0.5));

    public Task<SymbolBars?> BarsAsync(string symbol, int count, CancellationToken cancellationToken) => Known(symbol,
        () => new SymbolBars(symbol, Version, "1m", [new BarInfo(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1), 1, 2, 0.5m, 1.5m, 10, 1.2, 4)]));

    /// <summary>Times the counters were asked for (a follow asks on every poll, changed or not).</summary>
    public int CounterReads => Volatile.Read(ref _counterReads);

    private int _counterReads;

    public Task<SymbolCounters?> CountersAsync(string symbol, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _counterReads);
        return Known(symbol,
            () => new SymbolCounters(symbol, Version, Version + 1, Version, 1, 0, 0, 0, 0, 0, 0, DateTimeOffset.UnixEpoch));
    }

    public ConnectorList Connectors() => new([
        new ConnectorInfo("binance", "websocket", "Live", 1, 2, 300, 0, null, null),
        new ConnectorInfo("ibm", "lean", "Completed", 0, 0, 1000, 0, null, 1.0),
    ]);

    public Task<ConnectorRestart?> RestartConnectorAsync(string name, CancellationToken cancellationToken)
    {
        ConnectorRestart? answer = name switch
        {
            "binance" => new ConnectorRestart(name, true, "restarting"),
            "ibm" => new ConnectorRestart(name, false, "A completed replay cannot be restarted."),
            _ => null,
        };
        if (answer?.Accepted == true)
            Restarts++;
        return Task.FromResult(answer);
    }

    private static Task<T?> Known<T>(string symbol, Func<T> answer) where T : class =>
        Task.FromResult(string.Equals(symbol, Symbol, StringComparison.Ordinal) ? answer() : null);
}
