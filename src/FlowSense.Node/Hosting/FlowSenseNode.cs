using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Management.Endpoint;
using FlowSense.Management.Metrics;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.Node.Configuration;
using FlowSense.Node.Connectors;
using FlowSense.Node.Management;
using FlowSense.Node.Metrics;
using FlowSense.Node.Persistence;
using FlowSense.Node.Replays;
using FlowSense.Node.Shutdown;
using FlowSense.Node.Vpin;
using FlowSense.Node.TimeSeries;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Symbols;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSense.Node.Hosting;

/// <summary>
/// One running node: the actor system, the symbol shards, one ingestion graph per configured replay and per live
/// connector (each connection under a backoff supervisor at <c>/user/connectors/NAME</c>), the metrics and the
/// management endpoint. <see cref="StartAsync"/> builds and starts it; <see cref="ShutdownAsync"/> stops it through
/// the actor system's coordinated shutdown (stop ingestion, drain, snapshot, close) and reports what was drained.
/// The executable wraps it in a generic host; tests and tools start it in-process through <see cref="NodeHost"/>.
/// </summary>
public sealed class FlowSenseNode : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly SymbolShards _shards;
    private readonly IReadOnlyList<ReplayConnector> _connectors;
    private readonly NodePersistence _persistence;
    private readonly long[] _resumeAfter; // per replay connector: set once its symbols have recovered
    private readonly IReadOnlyList<LiveConnector> _live;
    private readonly IReadOnlyList<INodeConnector> _allConnectors;
    private readonly List<IngestionRun> _runs = [];
    private readonly HttpClient _http = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly NodeMetrics _metrics;
    private readonly PrometheusExporter _exporter;
    private readonly ILogger _log;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly long _startTimestamp = TimeProvider.System.GetTimestamp();
    private ManagementServer? _server;
    private IActorRef? _connectorsActor;
    private volatile string _status = NodeStatus.Starting;
    private DrainRecord? _drain;
    private IReadOnlyList<SymbolListing>? _finalSymbols;
    private readonly TaskCompletionSource<SymbolRecoveryFailed> _symbolFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _symbolFailures;

    private FlowSenseNode(
        NodeConfiguration configuration, ActorSystem system, SymbolShards shards, IReadOnlyList<ReplayConnector> connectors,
        IReadOnlyList<LiveConnector> live, NodePersistence persistence, ILoggerFactory loggerFactory)
    {
        Configuration = configuration;
        _persistence = persistence;
        _resumeAfter = new long[connectors.Count];
        _system = system;
        _shards = shards;
        _connectors = connectors;
        _live = live;
        _allConnectors = [.. connectors, .. live];
        _loggerFactory = loggerFactory;
        _log = loggerFactory.CreateLogger("FlowSense.Node");
        _metrics = new NodeMetrics(() => _allConnectors, shards.Directory, system, persistence.TimeSeries);
        _exporter = new PrometheusExporter("FlowSense");
        // A symbol whose snapshot cannot be restored makes the whole run fail (NodeService stops the node on it).
        _symbolFailures = system.EventStream.Subscribe<SymbolRecoveryFailed>(failure =>
        {
            if (_symbolFailed.TrySetResult(failure))
                _status = NodeStatus.Failed;
        });
        Management = new NodeManagement(configuration.Node.Id, configuration.Node.Role, _startedAt, system, shards,
            () => _allConnectors, () => _status, configuration.ActorSystem.AskTimeout);
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

    /// <summary>
    /// Completes with the first symbol that could not recover from its snapshot (taken with other settings, or
    /// corrupt); never completes otherwise. The run has failed then: the node should be shut down.
    /// </summary>
    public Task<SymbolRecoveryFailed> SymbolFailed => _symbolFailed.Task;

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

    /// <summary>What the time-series sinks record, or why there are none, as printed at start.</summary>
    public string TimeSeriesLine => _persistence.TimeSeriesLine;

    /// <summary>The time-series sinks, when on (for tests and the metrics).</summary>
    internal NodeTimeSeries? TimeSeries => _persistence.TimeSeries;

    /// <summary>The live connectors (<c>flowsense.node.connectors</c>), which run until the node stops.</summary>
    internal IReadOnlyList<LiveConnector> LiveConnectors => _live;

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
        var vpin = new VpinBucketSizing(options.Symbols);
        foreach (ReplayConnector connector in connectors)
        {
            // LEAN's own bar rule for its tick data; crypto trades carry no sale conditions.
            SaleConditionFilter sales = connector.Format == ReplayFormats.Lean ? SaleConditionFilter.LeanTradeBars : SaleConditionFilter.None;
            SequenceScope scope = SequenceScopeOf(connector.Format);
            foreach (var instrument in connector.Instruments)
            {
                long bucket = vpin.RawBucketVolume(instrument, connector.Traded.GetValueOrDefault(instrument.Id));
                catalog.Add(SymbolSettingsFor(instrument, connector.BookType, sales, scope, options.Symbols, bucket));
            }
        }

        var live = new List<LiveConnector>();
        foreach ((string name, LiveConnectorOptions connector) in options.Connectors.Where(c => c.Value.Enabled).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var liveConnector = new LiveConnector(name, connector, options.Replay.BatchSize);
            live.Add(liveConnector);
            // A live venue's instruments are whatever its connection delivers; their scales are the codec's.
            catalog.AddVenue(liveConnector.Adapter.Venue, id =>
            {
                var instrument = liveConnector.Scales(id);
                return SymbolSettingsFor(instrument, BookType.L2, SaleConditionFilter.None, SequenceScope.DuplicatesOnly, options.Symbols,
                    vpin.RawBucketVolume(instrument, traded: null));
            });
        }

        NodePersistence persistence = await NodePersistence.OpenAsync(configuration.Persistence, configuration.ResolvePath, loggerFactory, cancellationToken).ConfigureAwait(false);
        foreach (ReplayConnector connector in connectors)
            await persistence.ForgetCompletedRunAsync(connector.Name, [.. connector.Instruments.Select(x => x.Id)], cancellationToken).ConfigureAwait(false);

        ActorSystem system = ActorSystem.Create(options.Id, configuration.ActorSystem, loggerFactory);
        SymbolShards shards = SymbolShards.Start(system, catalog, new ShardingOptions
        {
            ShardCount = options.Symbols.ShardCount,
            PassivateIdleAfter = options.Symbols.PassivateIdleAfter > TimeSpan.Zero ? options.Symbols.PassivateIdleAfter : null,
        }, persistence.Symbols, persistence.TimeSeries?.Recording, options.Symbols.Dispatcher);
        var node = new FlowSenseNode(configuration, system, shards, connectors, live, persistence, loggerFactory);
        try
        {
            node.RegisterShutdownTasks();
            if (configuration.Management.Enabled)
                node._server = await ManagementServer.StartAsync(configuration.Management, node.Management, node._exporter, loggerFactory, cancellationToken).ConfigureAwait(false);
            if (await node.RecoverReplayedSymbolsAsync(cancellationToken).ConfigureAwait(false))
            {
                node.StartReplays();
                node.StartLiveConnectors();
            }
            else
            {
                foreach (ReplayConnector connector in connectors)
                    connector.Stopped();
            }
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
        if (_status != NodeStatus.Failed)
            _status = NodeStatus.Stopping;
        ShutdownReport phases = await _system.CoordinatedShutdown.RunAsync(reason).ConfigureAwait(false);
        _status = NodeStatus.Stopped;
        return new NodeShutdownReport(phases, _drain ?? DrainRecord.Nothing, Summary(), _persistence.TimeSeries?.Report() ?? []);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_status != NodeStatus.Stopped)
            await ShutdownAsync("disposed").ConfigureAwait(false);
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
        _symbolFailures.Dispose();
        _metrics.Dispose();
        _exporter.Dispose();
        foreach (LiveConnector connector in _live)
            connector.Feed.Dispose();
        _http.Dispose();
        await _persistence.DisposeAsync().ConfigureAwait(false);
    }

    private static SymbolSettings SymbolSettingsFor(
        MarketData.Instruments.Instrument instrument, BookType book, SaleConditionFilter sales, SequenceScope scope, SymbolDefaults defaults,
        long vpinBucketVolume) =>
        new(instrument, book)
        {
            Features = new MicrostructureFeaturesOptions { Vpin = new VpinOptions(vpinBucketVolume) },
            BarTimeFrames = [.. defaults.BarTimeFrames.Select(t => new TimeFrame(t.Ticks * 100))],
            BarHistory = defaults.BarHistory,
            SaleConditions = sales,
            SequenceScope = scope,
        };

    /// <summary>
    /// Only LEAN's per-instrument line numbers are contiguous, so only there is a jump a gap. ITCH numbers messages
    /// venue-wide; venue codecs check their feed's continuity themselves (Binance U/u, Kraken checksums, Bitstamp
    /// microtimestamps) and resync, and their numbers (update ids, Coinbase's full-channel product sequence) skip by
    /// design: there only duplicates are detected.
    /// </summary>
    private static SequenceScope SequenceScopeOf(string format) =>
        format == ReplayFormats.Lean ? SequenceScope.PerInstrument : SequenceScope.DuplicatesOnly;

    /// <summary>
    /// Recovers every replayed symbol before any event flows, and says whether all of them could be. A stored
    /// snapshot that cannot be restored (taken with other settings, or corrupt) must fail the run before ingestion
    /// starts: otherwise the symbols that had no snapshot yet would store new ones under the new settings, and going
    /// back to the old settings, as the error advises, would then fail on those instead. Once they have, each replay's
    /// resume point is the lowest position its symbols recovered.
    /// </summary>
    private async Task<bool> RecoverReplayedSymbolsAsync(CancellationToken cancellationToken)
    {
        if (_persistence.Symbols is null)
            return true;
        // A health query is answered once the symbol has recovered (messages wait while it recovers).
        SymbolHealth[] health = await Task.WhenAll(_connectors
            .SelectMany(c => c.Instruments)
            .Select(i => i.Id.ToString())
            .Distinct(StringComparer.Ordinal)
            .Select(id => _shards.Region.Ask<SymbolHealth>(new GetSymbolHealth(id), Timeout.InfiniteTimeSpan, cancellationToken))).ConfigureAwait(false);
        if (health.All(h => h.Failure is null))
        {
            for (int i = 0; i < _connectors.Count; i++)
                _resumeAfter[i] = await ResumePoint.FindAsync(_shards, _connectors[i].Name, _connectors[i].Instruments.Select(x => x.Id), cancellationToken).ConfigureAwait(false);
            return true;
        }
        _status = NodeStatus.Failed;
        await _symbolFailed.Task.WaitAsync(cancellationToken).ConfigureAwait(false); // published by the symbol as it failed
        return false;
    }

    private void StartReplays()
    {
        for (int i = 0; i < _connectors.Count; i++)
        {
            ReplayConnector connector = _connectors[i];
            IngestionRun run = IngestionPipeline.Run(connector.Source, _shards, Ingestion(connector.Name) with { ResumeAfter = _resumeAfter[i] });
            connector.Started();
            _runs.Add(run);
        }
        ReplaysFinished = Task.WhenAll(_runs.Select((run, i) => WatchAsync(run, _connectors[i])));
        _status = NodeStatus.Running;
        // Live connectors run until the node stops: only a node of replays alone completes.
        if (_live.Count == 0)
            _ = ReplaysFinished.ContinueWith(_ => { if (_status == NodeStatus.Running) _status = NodeStatus.ReplaysComplete; }, TaskScheduler.Default);
    }

    private void StartLiveConnectors()
    {
        if (_live.Count == 0)
            return;
        foreach (LiveConnector connector in _live)
        {
            connector.Run = IngestionPipeline.Run(connector.Feed.Source, _shards, Ingestion(connector.Name));
        }
        _connectorsActor = _system.ActorOf(Props.Create(() => new ConnectorsActor(_live, _http, _loggerFactory)), ConnectorsActor.Name);
    }

    /// <summary>The ingestion graph's settings for replay or connector <paramref name="name"/>.</summary>
    private IngestionOptions Ingestion(string name) => new()
    {
        Name = name,
        MaxBatchesInFlight = Configuration.Node.Replay.BatchesInFlight,
        OnAcknowledged = _metrics.RecordEventToFeature,
        AckTimeout = AckTimeout,
    };

    /// <summary>
    /// How long an ingestion graph waits for an acknowledgement before it fails. With time-series sinks that
    /// back-pressure, symbols withhold acknowledgements for as long as the database is unreachable (the sinks retry
    /// until it is back, and /metrics shows flowsense_sink_connected 0), so an outage of any length must not fail the
    /// replay: the wait is unbounded. Otherwise the graph's default guards against a symbol that never answers.
    /// </summary>
    private TimeSpan AckTimeout => _persistence.TimeSeries is { Settings.DropsWhenFull: false }
        ? Timeout.InfiniteTimeSpan
        : new IngestionOptions().AckTimeout;

    /// <summary>Every ingestion graph: the replays' and the live connectors'.</summary>
    private List<IngestionRun> AllRuns() => [.. _runs, .. _live.Select(c => c.Run).OfType<IngestionRun>()];

    private async Task WatchAsync(IngestionRun run, ReplayConnector connector)
    {
        try
        {
            await run.Completion.ConfigureAwait(false);
            if ((run.KillSwitch.IsShutdown && !connector.Progress.IsComplete) || _symbolFailed.Task.IsCompleted)
            {
                // A symbol that could not recover refused its events: the replay did not really run to its end, and
                // marking it completed would make the next start discard the snapshots the operator may still want.
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
            _drain = DrainRecord.Begin(AllRuns());
            foreach (IngestionRun run in _runs)
                run.KillSwitch.Shutdown();
            if (_live.Count == 0)
                return Task.CompletedTask;
            // Close every connection, then end each feed: what was decoded is still delivered (the drain waits for it).
            if (_connectorsActor is not null)
                _system.Stop(_connectorsActor);
            return Task.Run(() =>
            {
                foreach (LiveConnector connector in _live)
                    connector.Feed.Complete(); // may wait for ingestion to take the last batch: never on an actor thread
            });
        });
        shutdown.AddTask(CoordinatedShutdown.Drain, "drain-ingestion", async cancellationToken =>
        {
            await ReplaysFinished.WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(_live.Select(c => c.Run?.Completion ?? Task.CompletedTask)).WaitAsync(cancellationToken).ConfigureAwait(false);
            _drain = _drain?.End(AllRuns());
        });
        // The symbol shards store every running symbol in this phase themselves (when persistent); the report records their final counts.
        shutdown.AddTask(CoordinatedShutdown.Snapshot, "record-symbol-state", _ =>
        {
            _finalSymbols = _shards.Directory.List();
            return Task.CompletedTask;
        });
        if (_persistence.TimeSeries is { } timeSeries)
        {
            // Ingestion is drained, so every row is offered; the symbols' snapshots flush the sinks before they are
            // stored, and this covers the rows of symbols that store none (snapshots off, or nothing new to save).
            shutdown.AddTask(CoordinatedShutdown.Snapshot, "flush-time-series", timeSeries.FlushAsync);
            shutdown.AddTask(CoordinatedShutdown.CloseStorage, "close-time-series", async _ => await timeSeries.CloseAsync().ConfigureAwait(false));
        }
        shutdown.AddTask(CoordinatedShutdown.CloseStorage, "stop-management-endpoint", cancellationToken =>
            _server?.StopAsync(cancellationToken) ?? Task.CompletedTask);
    }
}
