using FlowSense.Management.Contract;

namespace FlowSense.Node.Console;

/// <summary>What the console shows at one instant: the busiest symbols, every connector and the totals.</summary>
/// <param name="Elapsed">Time since the node started.</param>
/// <param name="Symbols">The busiest symbols, most events first.</param>
/// <param name="SymbolCount">All symbols the node owns.</param>
/// <param name="Connectors">Every connector (replays and live feeds).</param>
/// <param name="Events">Events taken in, all connectors together.</param>
/// <param name="EventsPerSecond">Events taken in per second since the previous snapshot.</param>
public sealed record NodeSnapshot(
    TimeSpan Elapsed, IReadOnlyList<SymbolRow> Symbols, int SymbolCount, IReadOnlyList<ConnectorInfo> Connectors, long Events,
    double EventsPerSecond);

/// <summary>One symbol's line of the live view.</summary>
/// <param name="Summary">Its events and top of book.</param>
/// <param name="Features">Its features (null if it answered too late).</param>
/// <param name="LastBar">Its last closed bar of the shortest time frame, if any.</param>
/// <param name="BarTimeFrame">That bar's time frame.</param>
/// <param name="EventsPerSecond">Events applied per second since the previous snapshot.</param>
public sealed record SymbolRow(SymbolSummary Summary, SymbolFeatures? Features, BarInfo? LastBar, string? BarTimeFrame, double EventsPerSecond);
