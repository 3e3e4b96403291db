namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// Live counters of one ingestion run, readable from any thread. Events in = skipped on resume + delivered + unroutable; every delivered
/// event is, once acknowledged, exactly one of applied, duplicate, rejected, skipped or quarantined.
/// </summary>
public sealed class IngestionCounters
{
    private long _batches, _eventsIn, _skippedOnResume, _delivered, _unroutable, _slices, _acked, _applied, _duplicates, _rejected, _skipped, _quarantined;

    /// <summary>Batches taken from the source.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Events taken from the source.</summary>
    public long EventsIn => Interlocked.Read(ref _eventsIn);

    /// <summary>Events read but not delivered because the run resumes after them (<see cref="IngestionOptions.ResumeAfter"/>).</summary>
    public long SkippedOnResume => Interlocked.Read(ref _skippedOnResume);

    /// <summary>Events sent to symbol actors.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Events not delivered: their instrument is not in the catalog (or the event carries none).</summary>
    public long Unroutable => Interlocked.Read(ref _unroutable);

    /// <summary>Per-symbol slices sent.</summary>
    public long Slices => Interlocked.Read(ref _slices);

    /// <summary>Slices acknowledged.</summary>
    public long Acknowledged => Interlocked.Read(ref _acked);

    public long Applied => Interlocked.Read(ref _applied);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long Quarantined => Interlocked.Read(ref _quarantined);

    /// <summary>A consistent-enough copy for reports (each value read once).</summary>
    public IngestionSnapshot Snapshot() => new(Batches, EventsIn, Delivered, Unroutable, Slices, Acknowledged, Applied, Duplicates, Rejected, Skipped, Quarantined)
    {
        SkippedOnResume = SkippedOnResume,
    };

    internal void CountBatch(int events, int skippedOnResume, int delivered, int slices)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _eventsIn, events);
        Interlocked.Add(ref _skippedOnResume, skippedOnResume);
        Interlocked.Add(ref _delivered, delivered);
        Interlocked.Add(ref _unroutable, events - skippedOnResume - delivered);
        Interlocked.Add(ref _slices, slices);
    }

    /// <remarks>
    /// Runs on every symbol actor's thread, once per slice, on one shared object: an interlocked add on a cache line
    /// another core holds costs tens of nanoseconds, so outcomes that are usually zero are not added at all.
    /// </remarks>
    internal void CountAck(Symbols.SymbolEventsAck ack)
    {
        Interlocked.Increment(ref _acked);
        AddIfAny(ref _applied, ack.Applied);
        AddIfAny(ref _duplicates, ack.Duplicates);
        AddIfAny(ref _rejected, ack.Rejected);
        AddIfAny(ref _skipped, ack.Skipped);
        AddIfAny(ref _quarantined, ack.Quarantined);
    }

    private static void AddIfAny(ref long counter, int value)
    {
        if (value != 0)
            Interlocked.Add(ref counter, value);
    }
}

/// <summary>The counters of an ingestion run at one moment (see <see cref="IngestionCounters"/>).</summary>
public sealed record IngestionSnapshot(
    long Batches, long EventsIn, long Delivered, long Unroutable, long Slices, long Acknowledged,
    long Applied, long Duplicates, long Rejected, long Skipped, long Quarantined)
{
    /// <summary>Events read but not delivered because the run resumed after them.</summary>
    public long SkippedOnResume { get; init; }
}
