using System.Diagnostics;
using FlowSense.Management.Contract;
using FlowSense.Management.Endpoint;

namespace FlowSense.Node.Console;

/// <summary>
/// Reads the node through the same <see cref="IManagedNode"/> the management endpoint serves, so the console and the
/// CLI always show the same numbers. Rates are differences between consecutive snapshots.
/// </summary>
internal sealed class SnapshotCollector(IManagedNode node, int maxSymbols)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Dictionary<string, long> _lastSymbolEvents = new(StringComparer.Ordinal);
    private long _lastEvents;
    private long _lastTimestamp = Stopwatch.GetTimestamp();

    public async Task<NodeSnapshot> CollectAsync(CancellationToken cancellationToken)
    {
        long now = Stopwatch.GetTimestamp();
        double seconds = Math.Max(1e-3, Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds);
        _lastTimestamp = now;

        SymbolList symbols = await node.SymbolsAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<SymbolRow>();
        foreach (SymbolSummary summary in symbols.Symbols.OrderByDescending(s => s.Events).ThenBy(s => s.Symbol, StringComparer.Ordinal).Take(maxSymbols))
        {
            SymbolFeatures? features = await node.FeaturesAsync(summary.Symbol, cancellationToken).ConfigureAwait(false);
            SymbolBars? bars = await node.BarsAsync(summary.Symbol, 1, cancellationToken).ConfigureAwait(false);
            long previous = _lastSymbolEvents.GetValueOrDefault(summary.Symbol, summary.Events);
            rows.Add(new SymbolRow(summary, features, bars?.Bars.LastOrDefault(), bars?.TimeFrame, (summary.Events - previous) / seconds));
        }
        foreach (SymbolSummary summary in symbols.Symbols)
            _lastSymbolEvents[summary.Symbol] = summary.Events;

        ConnectorList connectors = node.Connectors();
        long events = connectors.Connectors.Sum(c => c.Events);
        double rate = (events - _lastEvents) / seconds;
        _lastEvents = events;
        return new NodeSnapshot(Stopwatch.GetElapsedTime(_started), rows, symbols.Symbols.Count, connectors.Connectors, events, rate);
    }
}
