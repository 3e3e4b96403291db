using FlowSense.Actors;
using FlowSense.Management.Contract;
using FlowSense.Management.Endpoint;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Node.Connectors;
using FlowSense.Pipeline.Symbols;
using SymbolCounters = FlowSense.Management.Contract.SymbolCounters;

namespace FlowSense.Node.Management;

/// <summary>
/// The node as the management endpoint (and the console view) sees it: the actor tree, the symbol directory, the
/// symbol actors (asked through the shard region) and the connectors. Raw fixed-point values become decimals here,
/// at the edge, with each instrument's scales. A symbol the directory does not list is unknown (404): asking the
/// region for it would create an actor for any name a client types.
/// </summary>
internal sealed class NodeManagement(
    string nodeId, string role, DateTimeOffset startedAt, ActorSystem system, SymbolShards shards,
    Func<IReadOnlyList<INodeConnector>> connectors, Func<string> status, TimeSpan askTimeout) : IManagedNode
{
    public NodeInfo Node() => new(nodeId, role, startedAt, status(), connectors().Sum(c => c.Events));

    public ActorHierarchy Actors()
    {
        ActorNode root = system.Hierarchy();
        return new ActorHierarchy(ToInfo(root), root.DescendantsAndSelf().Count());

        static ActorInfo ToInfo(ActorNode node) =>
            new(node.Path, node.ActorType, node.MailboxDepth, node.RestartCount, node.DroppedCount, [.. node.Children.Select(ToInfo)]);
    }

    public async Task<SymbolList> SymbolsAsync(CancellationToken cancellationToken)
    {
        var listed = shards.Directory.List();
        var summaries = new List<SymbolSummary>(listed.Count);
        foreach (SymbolListing listing in listed)
        {
            BookTop? top = await AskAsync<BookTop>(new GetBook(SymbolKey.EntityId(listing.Instrument), 1), cancellationToken).ConfigureAwait(false);
            summaries.Add(new SymbolSummary(SymbolKey.EntityId(listing.Instrument), listing.Shard.Value, listing.Health.Applied,
                top is null ? null : Best(top.Instrument, top.Bids), top is null ? null : Best(top.Instrument, top.Asks))
            {
                Failure = listing.Health.Failure,
            });
        }
        return new SymbolList(summaries);
    }

    public async Task<SymbolBook?> BookAsync(string symbol, int depth, CancellationToken cancellationToken)
    {
        if (Known(symbol) is not { } entry)
            return null;
        BookTop? top = await AskAsync<BookTop>(new GetBook(entry.EntityId, depth), cancellationToken).ConfigureAwait(false);
        if (top is null)
            return null;
        Instrument i = top.Instrument;
        return new SymbolBook(entry.EntityId, Version(entry), top.Sequence, Levels(i, top.Bids), Levels(i, top.Asks), top.IsCrossed, top.ResyncPending);
    }

    public async Task<SymbolFeatures?> FeaturesAsync(string symbol, CancellationToken cancellationToken)
    {
        if (Known(symbol) is not { } entry)
            return null;
        FeatureValues? values = await AskAsync<FeatureValues>(new GetFeatures(entry.EntityId), cancellationToken).ConfigureAwait(false);
        return values is null ? null : FeatureView.From(entry.EntityId, Version(entry), values.Instrument, values.Features) with
        {
            VpinBucketVolume = values.Instrument.SizeToDecimal(entry.Settings!.Features.Vpin.BucketVolume),
            Failure = entry.Failure?.Message,
        };
    }

    public async Task<SymbolBars?> BarsAsync(string symbol, int count, CancellationToken cancellationToken)
    {
        if (Known(symbol) is not { } entry)
            return null;
        RecentBars? recent = await AskAsync<RecentBars>(new GetBars(entry.EntityId, count), cancellationToken).ConfigureAwait(false);
        if (recent is null)
            return null;
        // The shortest time frame: the one a follower sees move.
        (TimeFrame frame, IReadOnlyList<Bar> bars) = recent.ByTimeFrame.OrderBy(p => p.Key.PeriodNs).Select(p => (p.Key, p.Value)).FirstOrDefault();
        Instrument i = recent.Instrument;
        return new SymbolBars(entry.EntityId, Version(entry), frame.PeriodNs == 0 ? "" : frame.ToString(),
            [.. (bars ?? []).TakeLast(count).Select(b => new BarInfo(
                FeatureView.Time(b.StartTimeNs), FeatureView.Time(b.EndTimeNs), i.PriceToDecimal(b.Open), i.PriceToDecimal(b.High),
                i.PriceToDecimal(b.Low), i.PriceToDecimal(b.Close), i.SizeToDecimal(b.Volume),
                double.IsNaN(b.Vwap) ? null : b.Vwap / FixedPoint.Pow10Double(i.PriceDecimals), b.TradeCount))]);
    }

    public Task<SymbolCounters?> CountersAsync(string symbol, CancellationToken cancellationToken)
    {
        if (Known(symbol) is not { } entry)
            return Task.FromResult<SymbolCounters?>(null);
        SymbolHealth h = SymbolDirectory.Health(entry);
        return Task.FromResult<SymbolCounters?>(new SymbolCounters(entry.EntityId, Version(entry),
            h.Applied + h.Duplicates + h.Rejected + h.Skipped + h.Quarantined, h.Applied, h.Duplicates, h.Gaps, h.Rejected, h.Skipped,
            h.Resyncs, h.Restarts, h.Quarantined, h.LastEventTimeNs == 0 ? null : FeatureView.Time(h.LastEventTimeNs))
        {
            Failure = h.Failure,
            RecoveryRetries = h.RecoveryRetries,
        });
    }

    public ConnectorList Connectors() => new([.. connectors().Select(c => c.ToInfo())]);

    public async Task<ConnectorRestart?> RestartConnectorAsync(string name, CancellationToken cancellationToken)
    {
        INodeConnector? connector = connectors().FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        return connector is null ? null : await connector.RestartAsync(askTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes whenever the symbol handled another event, was restarted or resynchronized: the ETag of a follow.</summary>
    private static long Version(SymbolEntry entry)
    {
        SymbolHealth h = SymbolDirectory.Health(entry);
        return h.Applied + h.Duplicates + h.Rejected + h.Skipped + h.Quarantined + h.Restarts + h.Resyncs;
    }

    private SymbolEntry? Known(string symbol) =>
        SymbolKey.TryParse(symbol, out InstrumentId id) && shards.Directory.TryGet(id, out SymbolEntry entry) && entry.Settings is not null ? entry : null;

    private async Task<T?> AskAsync<T>(object query, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await shards.Region.Ask<T>(query, askTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null; // a busy symbol answers next time; the view shows the gap rather than stalling
        }
    }

    private static decimal? Best(Instrument i, IReadOnlyList<Level> side) => side.Count == 0 || side[0].IsEmpty ? null : i.PriceToDecimal(side[0].Price);

    private static BookLevel[] Levels(Instrument i, IReadOnlyList<Level> side) =>
        [.. side.Where(l => !l.IsEmpty).Select(l => new BookLevel(i.PriceToDecimal(l.Price), i.SizeToDecimal(l.Size)))];
}
