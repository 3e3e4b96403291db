namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The health counters of one symbol. The symbol's actor is the only writer; any thread may read them (management
/// endpoint, directory) at any time. They live in the symbol's <see cref="SymbolEntry"/>, so they survive restarts and
/// passivation.
/// </summary>
public sealed class SymbolCounters
{
    private long _applied, _duplicates, _gaps, _rejected, _skipped, _resyncs, _restarts, _quarantined, _lastEventTimeNs;

    public long Applied => Volatile.Read(ref _applied);

    public long Duplicates => Volatile.Read(ref _duplicates);

    public long Gaps => Volatile.Read(ref _gaps);

    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Events this book type does not use (quotes beside an L2/L3 book, deltas beside an L3 book), counted, not errors.</summary>
    public long Skipped => Volatile.Read(ref _skipped);

    public long Resyncs => Volatile.Read(ref _resyncs);

    public long Restarts => Volatile.Read(ref _restarts);

    public long Quarantined => Volatile.Read(ref _quarantined);

    public long LastEventTimeNs => Volatile.Read(ref _lastEventTimeNs);

    internal void CountApplied(long exchangeTimeNs)
    {
        Volatile.Write(ref _applied, _applied + 1);
        if (exchangeTimeNs > _lastEventTimeNs)
            Volatile.Write(ref _lastEventTimeNs, exchangeTimeNs);
    }

    internal void CountDuplicate() => Volatile.Write(ref _duplicates, _duplicates + 1);

    internal void CountGap() => Volatile.Write(ref _gaps, _gaps + 1);

    internal void CountRejected() => Volatile.Write(ref _rejected, _rejected + 1);

    internal void CountSkipped() => Volatile.Write(ref _skipped, _skipped + 1);

    internal void CountResync() => Volatile.Write(ref _resyncs, _resyncs + 1);

    internal void CountRestart() => Volatile.Write(ref _restarts, _restarts + 1);

    internal void CountQuarantined() => Volatile.Write(ref _quarantined, _quarantined + 1);
}
