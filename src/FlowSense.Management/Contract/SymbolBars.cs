namespace FlowSense.Management.Contract;

/// <summary>A symbol's latest closed bars, oldest first (<c>GET /api/v1/symbols/{symbol}/bars?count=N</c>).</summary>
/// <param name="Symbol">The instrument, <c>VENUE:SYMBOL</c>.</param>
/// <param name="Version">Changes whenever the symbol's state changes (the ETag of a follow).</param>
/// <param name="TimeFrame">The bars' time frame, e.g. <c>1m</c>.</param>
/// <param name="Bars">The bars.</param>
public sealed record SymbolBars(string Symbol, long Version, string TimeFrame, IReadOnlyList<BarInfo> Bars);

/// <summary>One OHLCV bar, stamped with its period start; prices and volume in the instrument's units.</summary>
public sealed record BarInfo(
    DateTimeOffset Start, DateTimeOffset End, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume,
    double? Vwap, int Trades);
