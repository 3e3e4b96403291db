namespace FlowSense.Management.Contract;

/// <summary>A symbol actor's health counters (<c>GET /api/v1/symbols/{symbol}/counters</c>); they survive restarts.</summary>
/// <param name="Symbol">The instrument, <c>VENUE:SYMBOL</c>.</param>
/// <param name="Version">Changes whenever the symbol's state changes (the ETag of a follow).</param>
/// <param name="Events">Events handled, whatever became of them (the sum of the five outcomes).</param>
/// <param name="Applied">Events the book and features accepted.</param>
/// <param name="Duplicates">Events skipped because their sequence was at or below the last applied (never applied twice).</param>
/// <param name="Gaps">Sequence gaps seen (each requests a resync).</param>
/// <param name="Rejected">Events the book or the features refused, counted and not applied.</param>
/// <param name="Skipped">Events this book type does not use (quotes beside an L2 book).</param>
/// <param name="Resyncs">Resynchronizations requested (gaps, restarts).</param>
/// <param name="Restarts">Times the symbol actor was restarted after a failure.</param>
/// <param name="Quarantined">Events that made the symbol's state throw, set aside.</param>
/// <param name="LastEvent">Exchange time of the last applied event.</param>
public sealed record SymbolCounters(
    string Symbol, long Version, long Events, long Applied, long Duplicates, long Gaps, long Rejected, long Skipped, long Resyncs,
    long Restarts, long Quarantined, DateTimeOffset? LastEvent)
{
    /// <summary>Why the symbol stopped processing (its snapshot cannot be restored), with what to do; null while healthy.</summary>
    public string? Failure { get; init; }

    /// <summary>Times loading its snapshot failed because the store did not answer (each retried after a back-off).</summary>
    public long RecoveryRetries { get; init; }
}
