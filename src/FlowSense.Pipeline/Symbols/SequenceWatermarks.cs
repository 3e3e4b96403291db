using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The last sequence applied for each event kind of one instrument. Kinds are tracked apart because venues number
/// them apart (LEAN numbers trade and quote lines in separate files; Binance trades carry none while depth diffs carry
/// update ids). L2 deltas of one venue message share a number, so a repeat is accepted until the delta flagged
/// <see cref="DeltaFlags.LastInBatch"/>; a delta flagged <see cref="DeltaFlags.Snapshot"/> starts the count afresh.
/// It lives in the symbol's <see cref="SymbolEntry"/>, so a restarted actor never applies an event twice.
/// </summary>
public sealed class SequenceWatermarks : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly SequenceTracker[] _byKind = [new(), new(), new(), new(), new(), new()];
    private bool _deltaBatchOpen;
    private bool _snapshotOpen;

    /// <summary>The last book sequence applied (deltas or orders, whichever the instrument has).</summary>
    public long LastBookSequence => Math.Max(_byKind[(int)MarketEventKind.BookDelta].Last, _byKind[(int)MarketEventKind.Order].Last);

    /// <summary>Classifies <paramref name="e"/>'s sequence for its kind and, unless it is a duplicate, records it.</summary>
    public SequenceCheck Observe(in MarketEvent e)
    {
        long sequence = e.Header.Sequence;
        var tracker = _byKind[(int)e.Kind];
        if (e.Kind != MarketEventKind.BookDelta)
            return tracker.Observe(sequence);

        var flags = e.AsBookDelta().Flags;
        bool last = (flags & DeltaFlags.LastInBatch) != 0;
        if ((flags & DeltaFlags.Snapshot) != 0)
        {
            // A snapshot is the truth: it restarts the count whatever came before.
            if (!_snapshotOpen)
                tracker.Reset(0);
            _snapshotOpen = !last;
            _deltaBatchOpen = !last;
            return tracker.Observe(sequence, continuesBatch: true);
        }
        _snapshotOpen = false;
        var check = tracker.Observe(sequence, continuesBatch: _deltaBatchOpen);
        if (check != SequenceCheck.Duplicate)
            _deltaBatchOpen = !last;
        return check;
    }

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.SequenceWatermarks, CheckpointVersion);
        writer.WriteInt64(_byKind.Length);
        writer.WriteBoolean(_deltaBatchOpen);
        writer.WriteBoolean(_snapshotOpen);
        foreach (SequenceTracker tracker in _byKind)
            tracker.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(SymbolSections.SequenceWatermarks, CheckpointVersion);
        reader.ReadExpected(_byKind.Length, "event kinds tracked");
        _deltaBatchOpen = reader.ReadBoolean();
        _snapshotOpen = reader.ReadBoolean();
        foreach (SequenceTracker tracker in _byKind)
            tracker.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }
}
