using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Feeds.Coinbase;
using FlowSense.Management.Endpoint;
using FlowSense.Management.Metrics;
using FlowSense.MarketData.Bars;
using FlowSense.Node.Configuration;
using FlowSense.Node.Management;
using FlowSense.Node.Metrics;
using FlowSense.Node.Persistence;
using FlowSense.Node.Replays;
using FlowSense.Node.Shutdown;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSense.Node.Hosting;

/// <summary>
/// One running node: the actor system, the symbol shards, one ingestion graph per configured replay, the metrics and
/// the management endpoint. <see cref="StartAsync"/> builds and starts it; <see cref="ShutdownAsync"/> stops it through
/// the actor system's coordinated shutdown (stop ingestion, drain, snapshot, close) and reports what was drained.
/// The executable wraps it in a generic host; tests and tools start it in-process through <see cref="NodeHost"/>.
/// </summary>
public sealed class FlowSenseNode : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly SymbolShards _shards;
    private readonly IReadOnlyList<ReplayConnector> _connectors;
    private readonly NodePersistence _persistence;
    private readonly long[] _resumeAfter;
    private readonly List<IngestionRun> _runs = [];
    private readonly NodeMetrics _metrics;
    private readonly PrometheusExporter _exporter;
    private readonly ILogger _log;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly long _startTimestamp = TimeProvider.System.GetTimestamp();
    private ManagementServer? _server;
    private volatile string _status = NodeStatus.Starting;
    private DrainRecord? _drain;
    private IReadOnlyList<SymbolListing>? _finalSymbols;

    private FlowSenseNode(NodeConfiguration configuration, ActorSystem system, SymbolShards shards, IReadOnlyList<ReplayConnector> connectors,
        NodePersistence persistence, long[] resumeAfter, ILogger log)
    {
        Configuration = configuration;
        _persistence = persistence;
        _resumeAfter = resumeAfter;
        _system = system;
        _shards = shards;
        _connectors = connectors;
        _log = log;
        _metrics = new NodeMetrics(() => _connectors, shards.Directory, system);
        _exporter = new PrometheusExporter("FlowSense");
        Management = new NodeManagement(configuration.Node.Id, configuration.Node.Role, _startedAt, system, shards,
            () => _connectors, () => _status, configuration.ActorSystem.AskTimeout);
    }

    /// <summary>The configuration the node runs with.</summary>
    public NodeConfiguration Configuration { get; }

    /// <summary>The node's name.</summary>
    public string Id => Configuration.Node.Id;

    /// <summary>The management endpoint's address (with the real port when configured as 0), or null when disabled.</summary>
    public Uri? ManagementAddress => _server?.Address;

    /// <summary>The node as the management endpoint serves it, for in-process callers (the console view, tests).</summary>
    public IManagedNode Management { get; }

    /// <summary>The actor system (for tests and tools that inspect the hierarchy).</summary>
    public ActorSystem ActorSystem => _system;

    /// <summary>Completes when every replay has ended (completed, failed or stopped); never faults.</summary>
    public Task ReplaysFinished { get; private set; } = Task.CompletedTask;

    /// <summary>Time since the node started.</summary>
    public TimeSpan Uptime => TimeProvider.System.GetElapsedTime(_startTimestamp);

    internal IReadOnlyList<ReplayConnector> Connectors => _connectors;

    /// <summary>
    /// Where durable state goes, and where each replay resumed, as printed at start, e.g.
    /// <c>Persistence: SQLite /repo/state/flowsense.db, epoch 2; ibm resumes after 1,234,567 events</c>.
    /// </summary>
    public string PersistenceLine =>
        $"Persistence: {_persistence.Description}" + (_persistence.Symbols is null ? "; symbol snapshots off" : "") +
        string.Concat(_connectors.Select((c, i) => _resumeAfter[i] > 0
            ? $"; {c.Name} resumes after {_resumeAfter[i].ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} events"
            : ""));

    /// <summary>Builds and starts a node from <paramref name="configuration"/>.</summary>
    /// <exception cref="ManagementConfigurationException">The endpoint's address is not loopback and no token is set.</exception>
    public static async Task<FlowSenseNode> StartAsync(NodeConfiguration configuration, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        loggerFactory ??= NullLoggerFactory.Instance;
        configuration.Management.Validate(); // refuse before anything starts
        NodeOptions options = configuration.Node;

        var connectors = new List<ReplayConnector>();
        foreach ((string name, ReplaySourceOptions replay) in options.Replays.Where(r => r.Value.Enabled).OrderBy(r => r.Key, StringComparer.Ordinal))
            connectors.Add(await ReplayFactory.CreateAsync(name, replay, configuration, cancellationToken).ConfigureAwait(false));

        var catalog = new SymbolCatalog();
        foreach (ReplayConnector connector in connectors)
        {
            foreach (var instrument in connector.Instruments)
                catalog.Add(SymbolSettingsFor(instrument, connector, options.Symbols));
        }

        NodePersistence persistence = await NodePersistence.OpenAsync(configuration.Persistence, configuration.ResolvePath, cancellationToken).ConfigureAwait(false);
        var resumeAfter = new long[connectors.Count];
        for (int i = 0; i < connectors.Count; i++)
            resumeAfter[i] = await persistence.ResumePointAsync(connectors[i].Name, [.. connectors[i].Instruments.Select(x => x.Id)], cancellationToken).ConfigureAwait(false);

        ActorSystem system = ActorSystem.Create(options.Id, configuration.ActorSystem, loggerFactory);
        SymbolShards shards = SymbolShards.Start(system, catalog, new ShardingOptions
        {
            ShardCount = options.Symbols.ShardCount,
            PassivateIdleAfter = options.Symbols.PassivateIdleAfter > TimeSpan.Zero ? options.Symbols.PassivateIdleAfter : null,
        }, persistence.Symbols);
        var node = new FlowSenseNode(configuration, system, shards, connectors, persistence, resumeAfter, loggerFactory.CreateLogger("FlowSense.Node"));
        try
        {
            node.RegisterShutdownTasks();
            if (configuration.Management.Enabled)
                node._server = await ManagementServer.StartAsync(configuration.Management, node.Management, node._exporter, loggerFactory, cancellationToken).ConfigureAwait(false);
            node.StartReplays();
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return node;
    }

    /// <summary>The node's counts now (or, after shutdown, when it stopped).</summary>
    public NodeSummary Summary()
    {
        var sources = _connectors.Select((c, i) => SourceSummary.Of(c, i < _runs.Count ? _runs[i].Counters.Snapshot() : null)).ToList();
        IReadOnlyList<SymbolListing> symbols = _finalSymbols ?? _shards.Directory.List();
        return new NodeSummary(Id, Uptime, sources, [.. symbols.Select(SymbolSummaryLine.Of)]);
    }

    /// <summary>
    /// Runs the coordinated shutdown once (later calls return the same report): stop ingestion, drain what was read,
    /// record the symbols' final state, close the endpoint, terminate the actor system.
    /// </summary>
    public async Task<NodeShutdownReport> ShutdownAsync(string reason)
    {
        _status = NodeStatus.Stopping;
        ShutdownReport phases = await _system.CoordinatedShutdown.RunAsync(reason).ConfigureAwait(false);
        _status = NodeStatus.Stopped;
        return new NodeShutdownReport(phases, _drain ?? DrainRecord.Nothing, Summary());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_status != NodeStatus.Stopped)
            await ShutdownAsync("disposed").ConfigureAwait(false);
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
        _exporter.Dispose();
        await _persistence.DisposeAsync().ConfigureAwait(false);
    }

    private static SymbolSettings SymbolSettingsFor(MarketData.Instruments.Instrument instrument, ReplayConnector connector, SymbolDefaults defaults) =>
        new(instrument, connector.BookType)
        {
            BarTimeFrames = [.. defaults.BarTimeFrames.Select(t => new TimeFrame(t.Ticks * 100))],
            BarHistory = defaults.BarHistory,
            // LEAN's own bar rule for its tick data; crypto trades carry no sale conditions.
            SaleConditions = connector.Format == ReplayFormats.Lean ? SaleConditionFilter.LeanTradeBars : SaleConditionFilter.None,
            SequenceScope = SequenceScopeOf(connector.Format, instrument.Id.Venue),
        };

    /// <summary>Only sources whose numbers are contiguous per instrument can show a gap; the others detect duplicates only.</summary>
    private static SequenceScope SequenceScopeOf(string format, string venue) => format switch
    {
        ReplayFormats.Itch => SequenceScope.VenueWide,
        ReplayFormats.Capture when venue == CoinbaseCodec.Venue => SequenceScope.Sparse,
        _ => SequenceScope.PerInstrument,
    };

    private void StartReplays()
    {
        for (int i = 0; i < _connectors.Count; i++)
        {
            ReplayConnector connector = _connectors[i];
            IngestionRun run = IngestionPipeline.Run(connector.Source, _shards, new IngestionOptions
            {
                Name = connector.Name,
                ResumeAfter = _resumeAfter[i],
                OnAcknowledged = _metrics.RecordEventToFeature,
            });
            connector.Started();
            _runs.Add(run);
        }
        ReplaysFinished = Task.WhenAll(_runs.Select((run, i) => WatchAsync(run, _connectors[i])));
        _status = NodeStatus.Running;
        _ = ReplaysFinished.ContinueWith(_ => { if (_status == NodeStatus.Running) _status = NodeStatus.ReplaysComplete; }, TaskScheduler.Default);
    }

    private async Task WatchAsync(IngestionRun run, ReplayConnector connector)
    {
        try
        {
            await run.Completion.ConfigureAwait(false);
            if (run.KillSwitch.IsShutdown && !connector.Progress.IsComplete)
            {
                connector.Stopped();
            }
            else
            {
                connector.Completed();
                await _persistence.MarkCompletedAsync(connector.Name).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            connector.Failed(ex);
            NodeLog.ReplayFailed(_log, ex, connector.Name);
        }
    }

    private void RegisterShutdownTasks()
    {
        CoordinatedShutdown shutdown = _system.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.StopIngestion, "stop-replays", _ =>
        {
            // Stop reading; what was already read is still delivered and acknowledged (the drain phase waits for it).
            _drain = DrainRecord.Begin(_runs);
            foreach (IngestionRun run in _runs)
                run.KillSwitch.Shutdown();
            return Task.CompletedTask;
        });
        shutdown.AddTask(CoordinatedShutdown.Drain, "drain-ingestion", async cancellationToken =>
        {
            await ReplaysFinished.WaitAsync(cancellationToken).ConfigureAwait(false);
            _drain = _drain?.End(_runs);
        });
        // The symbol shards store every running symbol in this phase themselves (when persistent); the report records their final counts.
        shutdown.AddTask(CoordinatedShutdown.Snapshot, "record-symbol-state", _ =>
        {
            _finalSymbols = _shards.Directory.List();
            return Task.CompletedTask;
        });
        shutdown.AddTask(CoordinatedShutdown.CloseStorage, "stop-management-endpoint", cancellationToken =>
            _server?.StopAsync(cancellationToken) ?? Task.CompletedTask);
    }
}
