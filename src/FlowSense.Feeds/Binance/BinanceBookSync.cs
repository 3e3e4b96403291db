using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Binance;

/// <summary>
/// One symbol's local order book kept in sync as Binance Spot documents it in "How to manage a local order book
/// correctly" (Binance Spot API docs, WebSocket Streams, Diff. Depth Stream; the procedure in force when the
/// recorded captures were made):
/// <list type="number">
/// <item>Buffer the diff events (<c>U</c> first update id, <c>u</c> final update id) received from the stream.</item>
/// <item>Get a REST depth snapshot (<c>lastUpdateId</c>).</item>
/// <item>Drop every buffered event with <c>u</c> ≤ lastUpdateId.</item>
/// <item>The first event applied must have <c>U</c> ≤ lastUpdateId + 1 ≤ <c>u</c>.</item>
/// <item>Each next event's <c>U</c> must equal the previous event's <c>u</c> + 1; otherwise re-initialise from step 2.</item>
/// <item>Quantities are absolute; a quantity of 0 removes the level, and removing a level not in the book is normal.</item>
/// </list>
/// A connector drives it: <see cref="OnDiff"/> per event, and when <see cref="State"/> is
/// <see cref="BinanceSyncState.AwaitingSnapshot"/> (an outcome of <see cref="BinanceDiffOutcome.Gap"/>, or
/// <see cref="BinanceSnapshotOutcome.TooOld"/>), fetch a snapshot and pass it to <see cref="OnSnapshot"/>.
/// </summary>
/// <remarks>
/// The buffer is bounded (<paramref name="maxBufferedDiffs"/>): past it the oldest diffs are dropped and counted; a
/// snapshot taken later than them is unaffected, an older one is reported <see cref="BinanceSnapshotOutcome.TooOld"/>.
/// </remarks>
public sealed class BinanceBookSync(InstrumentId instrument, int maxBufferedDiffs = 4096)
{
    private readonly PendingDiffs _pending = new(maxBufferedDiffs);
    private bool _firstAfterSnapshot;

    public InstrumentId Instrument { get; } = instrument;

    public VenueBook Book { get; } = new(instrument);

    public BinanceSyncState State { get; private set; } = BinanceSyncState.AwaitingSnapshot;

    /// <summary>The update id the book is at: the snapshot's lastUpdateId, then each applied diff's <c>u</c>.</summary>
    public long LastUpdateId { get; private set; }

    public int BufferedDiffs => _pending.Count;

    public long Applied { get; private set; }
    public long Stale { get; private set; }
    public long Gaps { get; private set; }
    public long SnapshotsLoaded { get; private set; }
    public long SnapshotsTooOld { get; private set; }
    /// <summary>Buffered diffs dropped because the buffer was full.</summary>
    public long BufferOverflows => _pending.Overflows;

    /// <summary>
    /// Forgets the stream position and waits for a snapshot again, keeping the book's levels until it arrives: what a
    /// connector does after reconnecting, since the new connection's diffs continue from an unknown point.
    /// </summary>
    public void Restart()
    {
        _pending.Clear();
        LastUpdateId = 0;
        State = BinanceSyncState.AwaitingSnapshot;
    }

    /// <summary>Handles one diff event; see <see cref="BinanceDiffOutcome"/>.</summary>
    public BinanceDiffOutcome OnDiff(long firstUpdateId, long finalUpdateId, ReadOnlySpan<LevelUpdate> levels, in EventHeader header, IMarketEventSink sink)
    {
        if (State == BinanceSyncState.AwaitingSnapshot)
        {
            Buffer(firstUpdateId, finalUpdateId, levels, header);
            return BinanceDiffOutcome.Buffered;
        }
        if (finalUpdateId <= LastUpdateId)
        {
            Stale++;
            return BinanceDiffOutcome.Stale;
        }
        bool continues = _firstAfterSnapshot ? firstUpdateId <= LastUpdateId + 1 : firstUpdateId == LastUpdateId + 1;
        if (!continues)
        {
            Gaps++;
            State = BinanceSyncState.AwaitingSnapshot;
            Buffer(firstUpdateId, finalUpdateId, levels, header);
            return BinanceDiffOutcome.Gap;
        }
        Apply(finalUpdateId, levels, header, sink);
        return BinanceDiffOutcome.Applied;
    }

    /// <summary>Handles a REST depth snapshot (<c>lastUpdateId</c> and its levels); see <see cref="BinanceSnapshotOutcome"/>.</summary>
    public BinanceSnapshotOutcome OnSnapshot(long lastUpdateId, ReadOnlySpan<LevelUpdate> levels, in EventHeader header, IMarketEventSink sink)
    {
        if (State == BinanceSyncState.Synced && lastUpdateId <= LastUpdateId)
            return BinanceSnapshotOutcome.Ignored;

        _pending.DropCovered(lastUpdateId);
        if (_pending.Count > 0 && _pending[0].FirstId > lastUpdateId + 1)
        {
            SnapshotsTooOld++;
            State = BinanceSyncState.AwaitingSnapshot;
            return BinanceSnapshotOutcome.TooOld;
        }

        Book.LoadSnapshot(levels, header with { Sequence = lastUpdateId }, sink);
        SnapshotsLoaded++;
        LastUpdateId = lastUpdateId;
        State = BinanceSyncState.Synced;
        _firstAfterSnapshot = true;

        // Replay the buffer through the live rules: a gap inside it sends us back to awaiting a snapshot.
        _pending.Drain((this, sink), static (s, in diff, levels) => s.Item1.OnDiff(diff.FirstId, diff.FinalId, levels, diff.Header, s.sink));
        return BinanceSnapshotOutcome.Synced;
    }

    private void Apply(long finalUpdateId, ReadOnlySpan<LevelUpdate> levels, in EventHeader header, IMarketEventSink sink)
    {
        Book.ApplyUpdates(levels, header, sink);
        LastUpdateId = finalUpdateId;
        _firstAfterSnapshot = false;
        Applied++;
    }

    private void Buffer(long firstUpdateId, long finalUpdateId, ReadOnlySpan<LevelUpdate> levels, in EventHeader header) =>
        _pending.Add(firstUpdateId, finalUpdateId, levels, header);
}
