namespace FlowSense.Management.Contract;

/// <summary>The top levels of a symbol's book (<c>GET /api/v1/symbols/{symbol}/book?depth=N</c>).</summary>
/// <param name="Symbol">The instrument, <c>VENUE:SYMBOL</c>.</param>
/// <param name="Version">Changes whenever the symbol's state changes (the ETag of a follow).</param>
/// <param name="Sequence">The venue sequence number of the last applied event.</param>
/// <param name="Bids">Bid levels, best first.</param>
/// <param name="Asks">Ask levels, best first.</param>
/// <param name="Crossed">True when the best bid is above the best ask.</param>
/// <param name="ResyncRequired">True while the book waits for a snapshot after a gap.</param>
public sealed record SymbolBook(
    string Symbol, long Version, long Sequence, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks,
    bool Crossed, bool ResyncRequired);

/// <summary>One price level: price and total size, in the instrument's units.</summary>
public sealed record BookLevel(decimal Price, decimal Size);
