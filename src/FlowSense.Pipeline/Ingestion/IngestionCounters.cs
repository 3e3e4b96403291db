using System.Numerics;
using System.Runtime.InteropServices;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// Live counters of one ingestion run, readable from any thread. Events in = skipped on resume + delivered + unroutable; every delivered
/// event is, once acknowledged, exactly one of applied, duplicate, rejected, skipped or quarantined.
/// </summary>
/// <remarks>
/// The source side counts from the run's one loop, per batch. Acknowledgements are counted on every symbol actor's
/// thread, once per slice: into a cell per processor (each on cache lines of its own), which the readers sum. One
/// shared set of counters had every core's interlocked adds take the line from the other core, tens of nanoseconds
/// each, hundreds of thousands of times a second. A thread moved between processors, or two processors mapped to one
/// cell, still counts exactly (the adds stay interlocked); they only share a line again.
/// </remarks>
public sealed class IngestionCounters
{
    private static readonly int Stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount);

    // Cell 0 is never counted into: it pads the cells in use away from the array's header, which every writer reads.
    private readonly AckCell[] _acks = new AckCell[Stripes + 1];
    private long _batches, _eventsIn, _skippedOnResume, _delivered, _unroutable, _slices;

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
    public long Acknowledged => Sum(static (ref AckCell c) => ref c.Acknowledged);

    public long Applied => Sum(static (ref AckCell c) => ref c.Applied);

    public long Duplicates => Sum(static (ref AckCell c) => ref c.Duplicates);

    public long Rejected => Sum(static (ref AckCell c) => ref c.Rejected);

    public long Skipped => Sum(static (ref AckCell c) => ref c.Skipped);

    public long Quarantined => Sum(static (ref AckCell c) => ref c.Quarantined);

    /// <summary>
    /// A consistent-enough copy for reports (each value read once). The acknowledgements are read first: a batch is
    /// counted as delivered before its slices are sent, so every acknowledgement read was delivered by the time the
    /// source side's counts are read, and delivered minus acknowledged is never negative. Read the other way round, a
    /// batch delivered and acknowledged between the two reads showed as events acknowledged before they were delivered
    /// (a shutdown once reported -8 events in flight).
    /// </summary>
    public IngestionSnapshot Snapshot()
    {
        long acknowledged = Acknowledged, applied = Applied, duplicates = Duplicates, rejected = Rejected, skipped = Skipped, quarantined = Quarantined;
        return new(Batches, EventsIn, Delivered, Unroutable, Slices, acknowledged, applied, duplicates, rejected, skipped, quarantined)
        {
            SkippedOnResume = SkippedOnResume,
        };
    }

    /// <remarks>The run's one loop is the only writer: plain additions, published whole for the readers on any thread.</remarks>
    internal void CountBatch(int events, int skippedOnResume, int delivered, int slices)
    {
        Add(ref _batches, 1);
        Add(ref _eventsIn, events);
        Add(ref _skippedOnResume, skippedOnResume);
        Add(ref _delivered, delivered);
        Add(ref _unroutable, events - skippedOnResume - delivered);
        Add(ref _slices, slices);
    }

    private static void Add(ref long counter, long value) => Volatile.Write(ref counter, counter + value);

    /// <remarks>Runs on every symbol actor's thread, once per slice: into the current processor's cell (see the type's remarks).</remarks>
    internal void CountAck(Symbols.SymbolEventsAck ack)
    {
        ref AckCell cell = ref _acks[1 + (Thread.GetCurrentProcessorId() & (Stripes - 1))];
        Interlocked.Increment(ref cell.Acknowledged);
        AddIfAny(ref cell.Applied, ack.Applied);
        AddIfAny(ref cell.Duplicates, ack.Duplicates);
        AddIfAny(ref cell.Rejected, ack.Rejected);
        AddIfAny(ref cell.Skipped, ack.Skipped);
        AddIfAny(ref cell.Quarantined, ack.Quarantined);
    }

    // Outcomes other than applied are usually zero: a locked add of nothing is still a locked add.
    private static void AddIfAny(ref long counter, int value)
    {
        if (value != 0)
            Interlocked.Add(ref counter, value);
    }

    private long Sum(CellField field)
    {
        long total = 0;
        for (int i = 1; i < _acks.Length; i++)
            total += Interlocked.Read(ref field(ref _acks[i]));
        return total;
    }

    private delegate ref long CellField(ref AckCell cell);

    /// <summary>
    /// One processor's acknowledgement counts. 128 bytes, so that no two cells share a cache line, nor the pair of
    /// lines that adjacent-line prefetchers fetch together.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 128)]
    private struct AckCell
    {
        public long Acknowledged;
        public long Applied;
        public long Duplicates;
        public long Rejected;
        public long Skipped;
        public long Quarantined;
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
