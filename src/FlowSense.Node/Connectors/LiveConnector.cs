using System.Collections.Concurrent;
using FlowSense.Actors;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Kraken;
using FlowSense.Management.Contract;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Configuration;
using FlowSense.Pipeline.Ingestion;
using Microsoft.Extensions.Logging;
using Quarantine = FlowSense.Feeds.Quarantine.Quarantine;

namespace FlowSense.Node.Connectors;

/// <summary>
/// One configured live connector (<c>flowsense.node.connectors.NAME</c>): a websocket connection to a venue that runs
/// in a <see cref="ConnectorActor"/> under a <see cref="BackoffSupervisor"/> at <c>/user/connectors/NAME</c>, and
/// writes its events into a <see cref="LiveFeed"/> that an ingestion graph carries to the symbol shards. Each
/// connection starts with a fresh codec that rebuilds every book from a snapshot; symbol actors skip, by sequence, the
/// events they already applied, so a restart never applies an event twice.
/// </summary>
internal sealed class LiveConnector : INodeConnector
{
    private readonly ConnectorOptions _options;
    private readonly BackoffOptions _backoff;
    private readonly ConcurrentDictionary<InstrumentId, KrakenPair> _krakenPairs = new();
    private volatile IActorRef? _supervisor;

    public LiveConnector(string name, LiveConnectorOptions options, int batchSize)
    {
        Name = name;
        Adapter = LiveVenues.Create(options.Venue!.ToLowerInvariant(), pair => _krakenPairs.TryAdd(pair.Instrument, pair));
        _options = new ConnectorOptions(name, new Uri(options.Url!), options.RestUrl is { Length: > 0 } rest ? new Uri(rest) : null, options.Symbols);
        _backoff = new BackoffOptions(options.Backoff.Min, options.Backoff.Max, options.Backoff.RandomFactor);
        Status = new ConnectorStatus(name);
        Feed = new LiveFeed(batchSize);
    }

    public string Name { get; }

    /// <summary>The venue adapter; its <see cref="VenueAdapter.Venue"/> is the venue of the instruments it delivers.</summary>
    public VenueAdapter Adapter { get; }

    /// <summary>State, connections and last error; outlives each connection.</summary>
    public ConnectorStatus Status { get; }

    /// <summary>Where its connections write; the source of its ingestion graph.</summary>
    public LiveFeed Feed { get; }

    /// <summary>Where its undecodable messages go.</summary>
    public Quarantine Quarantine { get; } = new();

    /// <summary>Its ingestion graph, once started.</summary>
    public IngestionRun? Run { get; set; }

    public long Events => Run?.Counters.EventsIn ?? 0;

    public long Rejected => Quarantine.Total;

    public long Quarantined => Quarantine.Total;

    /// <summary>The scales of one of its instruments (a Kraken pair's are known once a message of it was decoded).</summary>
    public Instrument Scales(InstrumentId id) => VenueScales.Of(id, pair => _krakenPairs.GetValueOrDefault(pair));

    /// <summary>The backoff supervisor of its connection; <paramref name="http"/> serves REST snapshots.</summary>
    public Props SupervisorProps(HttpClient http, ILogger logger)
    {
        Props connection = Props.Create(() => new ConnectorActor(
            new WebSocketConnector(Adapter, _options, Feed, Quarantine, http, Status, TimeProvider.System, logger)));
        return BackoffSupervisor.Props(connection, "connection", _backoff);
    }

    /// <summary>Records the supervisor once it was created under <c>/user/connectors</c>.</summary>
    public void Supervised(IActorRef supervisor) => _supervisor = supervisor;

    public ConnectorInfo ToInfo() =>
        new(Name, "websocket", Status.State.ToString(), Status.Reconnects, Status.Resyncs, Events, Rejected, Status.LastError, null);

    /// <summary>
    /// Kills the current connection: its supervisor reconnects after its backoff, and the new connection resynchronizes
    /// every book from a fresh snapshot.
    /// </summary>
    public async Task<ConnectorRestart> RestartAsync(TimeSpan askTimeout, CancellationToken cancellationToken)
    {
        if (_supervisor is not { } supervisor)
            return new ConnectorRestart(Name, false, $"'{Name}' has not started yet; try again in a moment.");
        var current = await supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, askTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (current.Child is null)
            return new ConnectorRestart(Name, true, $"'{Name}' is already reconnecting (state {Status.State}).");
        current.Child.Tell(Kill.Instance, ActorRefs.NoSender);
        return new ConnectorRestart(Name, true,
            $"'{Name}' connection killed; its supervisor reconnects after {_backoff.MinBackoff.TotalMilliseconds:0} ms or more and resynchronizes every book.");
    }
}
