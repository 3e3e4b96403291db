using System.Diagnostics.Metrics;
using FlowSense.Actors;
using FlowSense.Node.Connectors;
using FlowSense.Node.TimeSeries;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Node.Metrics;

/// <summary>
/// The node's OpenTelemetry instruments (meter <see cref="MeterName"/>), named by the OpenTelemetry conventions
/// (lower-case dotted names, UCUM units, annotations in braces). Counts that already live somewhere (replay counters,
/// symbol counters, the actor tree) are observable instruments read at collection time, so the hot path pays nothing
/// for them; only the event-to-feature latency is recorded as it happens, once per symbol slice when it is acknowledged.
/// </summary>
/// <remarks>
/// Prometheus names (through <see cref="Management.Metrics.PrometheusExporter"/>):
/// flowsense_ingest_events_total{source}, flowsense_ingest_rejected_total{source}, flowsense_ingest_quarantined_total{source},
/// flowsense_symbol_events_total{outcome}, flowsense_book_resyncs_total, flowsense_sequence_gaps_total,
/// flowsense_symbol_quarantined_total, flowsense_actor_restarts_total, flowsense_mailbox_depth{actor_path},
/// flowsense_messages_dropped_total, flowsense_symbols, flowsense_event_to_feature_duration_seconds (histogram),
/// flowsense_lane_actors{lane}, flowsense_lane_waiting{lane};
/// with time-series sinks, per table: flowsense_sink_rows_total{table, outcome} (inserted, duplicate, dropped, failed),
/// flowsense_sink_buffered_rows{table}, flowsense_sink_connected{table}.
/// </remarks>
public sealed class NodeMetrics : IDisposable
{
    /// <summary>The meter's name; the management endpoint exports every meter named FlowSense or FlowSense.*.</summary>
    public const string MeterName = "FlowSense.Node";

    /// <summary>Latency buckets from 10 µs to 10 s: the goal is p99 ≤ 1 ms, so the decade around it is finely cut.</summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _eventToFeature;

    internal NodeMetrics(Func<IReadOnlyList<INodeConnector>> connectors, SymbolDirectory directory, ActorSystem system, NodeTimeSeries? timeSeries = null)
    {
        _eventToFeature = _meter.CreateHistogram("flowsense.event_to_feature.duration", "s",
            "Time from a symbol slice leaving the ingestion graph to its symbol actor acknowledging it with features updated.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

        _meter.CreateObservableCounter("flowsense.ingest.events", () => PerSource(connectors(), c => c.Events),
            "{event}", "Events the ingestion graphs took in, by source.");
        _meter.CreateObservableCounter("flowsense.ingest.rejected", () => PerSource(connectors(), c => c.Rejected),
            "{input}", "Inputs a source refused (malformed rows, undecodable messages), by source.");
        _meter.CreateObservableCounter("flowsense.ingest.quarantined", () => PerSource(connectors(), c => c.Quarantined),
            "{input}", "Inputs kept in a source's quarantine, by source.");

        _meter.CreateObservableCounter("flowsense.symbol.events", () => SymbolOutcomes(directory), "{event}",
            "Events symbol actors handled, by outcome (applied, duplicate, rejected, skipped).");
        _meter.CreateObservableCounter("flowsense.book.resyncs", () => Sum(directory, h => h.Resyncs), "{resync}",
            "Book resynchronizations symbol actors requested (gaps, restarts).");
        _meter.CreateObservableCounter("flowsense.sequence.gaps", () => Sum(directory, h => h.Gaps), "{gap}",
            "Sequence gaps symbol actors detected.");
        _meter.CreateObservableCounter("flowsense.symbol.quarantined", () => Sum(directory, h => h.Quarantined), "{event}",
            "Events that made a symbol's state throw, set aside.");
        _meter.CreateObservableUpDownCounter("flowsense.symbols", () => (long)directory.Count, "{symbol}", "Symbols the node owns.");
        _meter.CreateObservableUpDownCounter("flowsense.symbols.failed", () => (long)directory.List().Count(l => l.Health.Failure is not null), "{symbol}",
            "Symbols stopped because their snapshot cannot be restored (other settings, or corrupt); the node fails its run on the first.");
        _meter.CreateObservableCounter("flowsense.symbol.recovery_retries", () => Sum(directory, h => h.RecoveryRetries), "{retry}",
            "Snapshot loads that failed because the store did not answer, each retried after a back-off.");

        _meter.CreateObservableCounter("flowsense.actor.restarts", () => system.Hierarchy().DescendantsAndSelf().Sum(n => (long)n.RestartCount),
            "{restart}", "Restarts supervisors granted, all actors together.");
        _meter.CreateObservableGauge("flowsense.mailbox.depth", () => MailboxDepths(system), "{message}",
            "Messages waiting in mailboxes, per top-level actor subtree.");
        // Mailbox overflow drops go to dead letters too, so the dead-letter count covers both.
        _meter.CreateObservableCounter("flowsense.messages.dropped", () => system.DeadLetterCount, "{message}",
            "Messages that were not delivered (dead letters, mailbox overflow drops included).");

        if (system.Dispatchers.Lookup(Dispatchers.LanesId) is LaneDispatcher lanes)
        {
            _meter.CreateObservableGauge("flowsense.lane.actors", () => PerLane(lanes.ActorsPerLane), "{actor}",
                "Actors pinned to each lane of the lanes dispatcher (the symbol actors, by default).");
            _meter.CreateObservableGauge("flowsense.lane.waiting", () => PerLane(lanes.WaitingPerLane), "{actor}",
                "Actors waiting on each lane for their next turn: a lane that keeps a queue is saturated.");
        }

        if (timeSeries is not null)
            SinkInstruments(timeSeries.Tables);
    }

    private static IEnumerable<Measurement<long>> PerLane(IReadOnlyList<int> values) =>
        values.Select((value, lane) => new Measurement<long>(value, new KeyValuePair<string, object?>("lane", lane)));

    /// <summary>Records the event-to-feature latency of one symbol slice: from the ingestion graph sending it to its symbol actor acknowledging it (book, features and bars updated).</summary>
    public void RecordEventToFeature(SymbolEventsAck ack) =>
        _eventToFeature.Record(System.Diagnostics.Stopwatch.GetElapsedTime(ack.Events.SentTimestamp).TotalSeconds);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private void SinkInstruments(IReadOnlyList<ITableWriter> tables)
    {
        _meter.CreateObservableCounter("flowsense.sink.rows", () => SinkRows(tables), "{row}",
            "Rows the time-series sinks handled, by table and outcome (inserted, duplicate, dropped, failed).");
        _meter.CreateObservableGauge("flowsense.sink.buffered", () => tables.Select(t => Table(t, t.Counters.Buffered)), "{row}",
            "Rows waiting to be loaded, by table (the bounded buffer, plus rows parked while it is full).");
        _meter.CreateObservableGauge("flowsense.sink.connected", () => tables.Select(t => Table(t, t.Counters.IsConnected ? 1 : 0)), "{connection}",
            "1 while the table's sink reaches PostgreSQL, 0 during an outage (rows wait, retried until it is back).");

        static IEnumerable<Measurement<long>> SinkRows(IReadOnlyList<ITableWriter> tables)
        {
            foreach (ITableWriter table in tables)
            {
                var c = table.Counters;
                yield return Row(table, "inserted", c.Inserted);
                yield return Row(table, "duplicate", c.Duplicates);
                yield return Row(table, "dropped", c.Dropped);
                yield return Row(table, "failed", c.Failed);
            }
        }

        static Measurement<long> Row(ITableWriter table, string outcome, long value) =>
            new(value, new KeyValuePair<string, object?>("table", table.Table), new KeyValuePair<string, object?>("outcome", outcome));

        static Measurement<long> Table(ITableWriter table, long value) => new(value, new KeyValuePair<string, object?>("table", table.Table));
    }

    private static IEnumerable<Measurement<long>> PerSource(IReadOnlyList<INodeConnector> connectors, Func<INodeConnector, long> value) =>
        connectors.Select(c => new Measurement<long>(value(c), new KeyValuePair<string, object?>("source", c.Name)));

    private static long Sum(SymbolDirectory directory, Func<SymbolHealth, long> value) => directory.List().Sum(l => value(l.Health));

    private static IEnumerable<Measurement<long>> SymbolOutcomes(SymbolDirectory directory)
    {
        IReadOnlyList<SymbolListing> symbols = directory.List();
        yield return Outcome("applied", symbols.Sum(s => s.Health.Applied));
        yield return Outcome("duplicate", symbols.Sum(s => s.Health.Duplicates));
        yield return Outcome("rejected", symbols.Sum(s => s.Health.Rejected));
        yield return Outcome("skipped", symbols.Sum(s => s.Health.Skipped));

        static Measurement<long> Outcome(string outcome, long value) => new(value, new KeyValuePair<string, object?>("outcome", outcome));
    }

    private static IEnumerable<Measurement<long>> MailboxDepths(ActorSystem system)
    {
        ActorNode root = system.Hierarchy();
        ActorNode? user = root.Find("/user");
        if (user is null)
            yield break;
        foreach (ActorNode top in user.Children)
            yield return new Measurement<long>(top.DescendantsAndSelf().Sum(n => (long)n.MailboxDepth), new KeyValuePair<string, object?>("actor.path", top.Path));
    }
}
