using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Bitstamp;

/// <summary>
/// One pair's book from Bitstamp's <c>diff_order_book</c> channel (Bitstamp WebSocket API v2) and the REST
/// <c>GET /api/v2/order_book/{pair}</c> snapshot. Bitstamp diffs carry no sequence number, only a
/// <c>microtimestamp</c>, so that is the ordering key: diffs received before the snapshot are buffered; the snapshot
/// drops those at or before its own microtimestamp and the rest are applied in order; afterwards a diff must be newer
/// than the last one applied (an older or equal one is counted stale and dropped).
/// </summary>
/// <remarks>
/// Without sequence numbers a lost diff cannot be seen directly; its usual symptom is a crossed book, so a diff that
/// leaves the book crossed is applied, counted, and puts the pair back to awaiting a snapshot.
/// </remarks>
public sealed class BitstampBookSync(InstrumentId instrument, int maxBufferedDiffs = 4096)
{
    private readonly PendingDiffs _pending = new(maxBufferedDiffs);

    public InstrumentId Instrument { get; } = instrument;
    public VenueBook Book { get; } = new(instrument);
    public bool AwaitingSnapshot { get; private set; } = true;

    /// <summary>The microtimestamp the book is at: the snapshot's, then each applied diff's.</summary>
    public long LastMicrotimestamp { get; private set; }

    public long Applied { get; private set; }
    public long Buffered { get; private set; }
    /// <summary>Diffs not newer than the book (covered by the snapshot, or out of order).</summary>
    public long Stale { get; private set; }
    /// <summary>Diffs after which the book was crossed (each one triggered a resync).</summary>
    public long Crossed { get; private set; }
    public long Snapshots { get; private set; }

    /// <summary>The decimals Bitstamp prints the pair's book prices and amounts with (the widest seen in its book text).</summary>
    public DisplayScale Printed { get; internal set; }
    public long BufferOverflows => _pending.Overflows;

    /// <summary>Handles one diff; returns true if the pair lost sync with it (the caller should fetch a snapshot).</summary>
    public bool OnDiff(long microtimestamp, ReadOnlySpan<LevelUpdate> levels, in EventHeader header, IMarketEventSink sink)
    {
        if (AwaitingSnapshot)
        {
            _pending.Add(microtimestamp, microtimestamp, levels, header);
            Buffered++;
            return false;
        }
        if (microtimestamp <= LastMicrotimestamp)
        {
            Stale++;
            return false;
        }
        Book.ApplyUpdates(levels, header, sink);
        LastMicrotimestamp = microtimestamp;
        Applied++;
        if (!Book.IsCrossed)
            return false;
        Crossed++;
        AwaitingSnapshot = true;
        return true;
    }

    /// <summary>Loads a REST snapshot taken at <paramref name="microtimestamp"/> and applies the buffered diffs after it; true if the book is live afterwards.</summary>
    public bool OnSnapshot(long microtimestamp, ReadOnlySpan<LevelUpdate> levels, in EventHeader header, IMarketEventSink sink)
    {
        if (!AwaitingSnapshot && microtimestamp <= LastMicrotimestamp)
            return true; // the live book is newer
        Book.LoadSnapshot(levels, header, sink);
        Snapshots++;
        LastMicrotimestamp = microtimestamp;
        AwaitingSnapshot = false;
        Stale += CountCovered(microtimestamp);
        _pending.DropCovered(microtimestamp);
        _pending.Drain((this, sink), static (s, in diff, diffLevels) => s.Item1.OnDiff(diff.FinalId, diffLevels, diff.Header, s.sink));
        return !AwaitingSnapshot;
    }

    private int CountCovered(long microtimestamp)
    {
        int n = 0;
        while (n < _pending.Count && _pending[n].FinalId <= microtimestamp)
            n++;
        return n;
    }
}
