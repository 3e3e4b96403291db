using System.Runtime.CompilerServices;
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
/// <remarks>
/// Every event of the symbol passes here first, usually with the symbol's state out of cache: the last numbers are
/// held in this object (one <see cref="SequenceTracker"/> rule over each) rather than in one tracker object per
/// kind behind an array, so the check costs one cache line, not three dependent ones.
/// </remarks>
public sealed class SequenceWatermarks : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private LastByKind _last;
    private bool _deltaBatchOpen;
    private bool _snapshotOpen;

    /// <summary>The last book sequence applied (deltas or orders, whichever the instrument has).</summary>
    public long LastBookSequence => Math.Max(_last[(int)MarketEventKind.BookDelta], _last[(int)MarketEventKind.Order]);

    /// <summary>Classifies <paramref name="e"/>'s sequence for its kind and, unless it is a duplicate, records it.</summary>
    public SequenceCheck Observe(in MarketEvent e)
    {
        long sequence = e.Header.Sequence;
        ref long last = ref _last[(int)e.Kind];
        if (e.Kind != MarketEventKind.BookDelta)
            return SequenceTracker.Observe(ref last, sequence);

        var flags = e.AsBookDelta().Flags;
        bool lastInBatch = (flags & DeltaFlags.LastInBatch) != 0;
        if ((flags & DeltaFlags.Snapshot) != 0)
        {
            // A snapshot is the truth: it restarts the count whatever came before.
            if (!_snapshotOpen)
                last = 0;
            _snapshotOpen = !lastInBatch;
            _deltaBatchOpen = !lastInBatch;
            return SequenceTracker.Observe(ref last, sequence, continuesBatch: true);
        }
        _snapshotOpen = false;
        var check = SequenceTracker.Observe(ref last, sequence, continuesBatch: _deltaBatchOpen);
        if (check != SequenceCheck.Duplicate)
            _deltaBatchOpen = !lastInBatch;
        return check;
    }

    /// <summary>Writes the batch flags, then one tracker section per kind (as separate trackers would).</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.SequenceWatermarks, CheckpointVersion);
        writer.WriteInt64(LastByKind.Length);
        writer.WriteBoolean(_deltaBatchOpen);
        writer.WriteBoolean(_snapshotOpen);
        foreach (long last in _last)
            SequenceTracker.WriteCheckpoint(ref writer, last);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(SymbolSections.SequenceWatermarks, CheckpointVersion);
        reader.ReadExpected(LastByKind.Length, "event kinds tracked");
        _deltaBatchOpen = reader.ReadBoolean();
        _snapshotOpen = reader.ReadBoolean();
        for (int kind = 0; kind < LastByKind.Length; kind++)
            _last[kind] = SequenceTracker.ReadCheckpoint(ref reader);
        reader.EndSection();
    }

    /// <summary>The last sequence of each <see cref="MarketEventKind"/>, indexed by its value (None included).</summary>
    [InlineArray(Length)]
    private struct LastByKind
    {
        public const int Length = (int)MarketEventKind.Status + 1;

        private long _element;
    }
}
