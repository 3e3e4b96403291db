namespace FlowSense.Management.Contract;

/// <summary>A symbol actor's health counters (<c>GET /api/v1/symbols/{symbol}/counters</c>).</summary>
/// <param name="Symbol">The instrument, <c>VENUE:SYMBOL</c>.</param>
/// <param name="Version">Changes whenever the symbol's state changes (the ETag of a follow).</param>
/// <param name="Events">Events applied.</param>
/// <param name="Trades">Trades among them.</param>
/// <param name="BookUpdates">Quotes, deltas and order events among them.</param>
/// <param name="Rejected">Events the book or the validators refused (each counted, none applied).</param>
/// <param name="Resyncs">Times the book was resynchronized after a gap or a restart.</param>
/// <param name="Restarts">Times the symbol actor was restarted after a failure.</param>
/// <param name="BarsClosed">Bars closed.</param>
public sealed record SymbolCounters(
    string Symbol, long Version, long Events, long Trades, long BookUpdates, long Rejected, long Resyncs, long Restarts,
    long BarsClosed);
