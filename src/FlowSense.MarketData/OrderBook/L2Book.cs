using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// A price-level (L2) book built from <see cref="BookDelta"/>s. Each side is a sorted array of levels with the best
/// at the end (see <see cref="PriceLadder"/>): best bid/ask in O(1), updates near the touch in a few steps, and no
/// allocation per delta once the arrays have grown to the book's depth.
/// </summary>
/// <remarks>
/// Snapshots: the first delta flagged <see cref="DeltaFlags.Snapshot"/> empties the book; the batch's deltas rebuild
/// it (they are not checked for crossing or sequence, since a snapshot is the truth) until one flagged
/// <see cref="DeltaFlags.LastInBatch"/> ends it, which also clears <see cref="IBookView.ResyncRequired"/>. A plain
/// delta arriving before that ends the snapshot unfinished and sets <see cref="IBookView.ResyncRequired"/>.
/// Deltas of one venue message share a sequence number; a repeat of it is accepted while the batch is open.
/// Levels built from deltas carry an <see cref="Level.OrderCount"/> of 0, since deltas do not tell it.
/// </remarks>
public sealed class L2Book : LevelBook
{
    private bool _inSnapshot;
    private bool _batchOpen;

    /// <summary>Creates an empty book.</summary>
    public L2Book(InstrumentId instrument, BookOptions? options = null)
        : base(instrument, options)
    {
    }

    /// <summary>Applies one delta; never throws for bad input (see <see cref="ApplyResult"/>).</summary>
    public ApplyResult Apply(in BookDelta delta)
    {
        bool last = (delta.Flags & DeltaFlags.LastInBatch) != 0;
        if ((delta.Flags & DeltaFlags.Snapshot) != 0)
            return ApplySnapshotDelta(delta, last);

        if (_inSnapshot)
        {
            // The snapshot batch never said it was complete: what it built cannot be trusted.
            _inSnapshot = false;
            RequireResync();
        }
        bool continuesBatch = _batchOpen;
        _batchOpen = !last;
        if (!Admit(delta.Header, continuesBatch, out ApplyResult admitted))
            return admitted;
        ApplyResult outcome = delta.Action switch
        {
            BookAction.Add => Set(delta.Side, delta.Price, delta.Size, mustExist: false),
            BookAction.Update => Set(delta.Side, delta.Price, delta.Size, mustExist: true),
            BookAction.Delete => Delete(delta.Side, delta.Price),
            BookAction.Clear => ClearLevels(),
            _ => Errors.Count(ApplyResult.MalformedEvent),
        };
        return Combine(admitted, outcome);
    }

    private ApplyResult ApplySnapshotDelta(in BookDelta delta, bool last)
    {
        if (!_inSnapshot)
        {
            ClearContent();
            _inSnapshot = true;
        }
        ApplyResult outcome = delta.Action switch
        {
            BookAction.Add or BookAction.Update when delta.Size > 0 => Upsert(Ladder(delta.Side), delta.Price, delta.Size),
            BookAction.Add or BookAction.Update when delta.Size < 0 => Errors.Count(ApplyResult.InvalidSize),
            BookAction.Add or BookAction.Update or BookAction.Delete => RemoveIfPresent(Ladder(delta.Side), delta.Price),
            BookAction.Clear => ClearLevels(),
            _ => Errors.Count(ApplyResult.MalformedEvent),
        };
        if (last)
        {
            _inSnapshot = false;
            _batchOpen = false;
            CompleteSnapshot(delta.Header);
        }
        return outcome;
    }

    private ApplyResult Set(Side side, long price, long size, bool mustExist)
    {
        if (size < 0 || (size == 0 && !mustExist))
            return Errors.Count(ApplyResult.InvalidSize);
        PriceLadder ladder = Ladder(side);
        int index = ladder.Find(price);
        if (index < 0)
        {
            if (mustExist)
                return Errors.Count(ApplyResult.MissingLevel);
        }
        else if (size == 0)
        {
            ladder.RemoveAt(index);
            Touch();
            return ApplyResult.Applied;
        }
        ApplyResult cross = CheckCross(side, price);
        if (cross == ApplyResult.RejectedCrossed)
            return cross;
        if (index >= 0)
            ladder.At(index).Size = size;
        else
            ladder.InsertAt(~index, price).Size = size;
        Touch();
        return cross;
    }

    private ApplyResult Upsert(PriceLadder ladder, long price, long size)
    {
        int index = ladder.Find(price);
        ref PriceLadder.Entry level = ref index >= 0 ? ref ladder.At(index) : ref ladder.InsertAt(~index, price);
        level.Size = size;
        Touch();
        return ApplyResult.Applied;
    }

    /// <summary>A zero size or a delete inside a snapshot: the level is absent from the truth, which is not an error.</summary>
    private ApplyResult RemoveIfPresent(PriceLadder ladder, long price)
    {
        int index = ladder.Find(price);
        if (index >= 0)
        {
            ladder.RemoveAt(index);
            Touch();
        }
        return ApplyResult.Applied;
    }

    private ApplyResult Delete(Side side, long price)
    {
        PriceLadder ladder = Ladder(side);
        int index = ladder.Find(price);
        if (index < 0)
            return Errors.Count(ApplyResult.MissingLevel);
        ladder.RemoveAt(index);
        Touch();
        return ApplyResult.Applied;
    }

    private ApplyResult ClearLevels()
    {
        ClearContent();
        Touch();
        return ApplyResult.Applied;
    }

    private protected override void ClearContent()
    {
        base.ClearContent();
        _inSnapshot = false;
        _batchOpen = false;
    }

    private protected override CheckpointSection CheckpointTag => CheckpointSection.L2Book;

    private protected override byte CheckpointVersion => 1;

    private protected override void WriteContent(ref CheckpointWriter writer)
    {
        writer.WriteBoolean(_inSnapshot);
        writer.WriteBoolean(_batchOpen);
        foreach (PriceLadder ladder in (ReadOnlySpan<PriceLadder>)[Ladder(Side.Bid), Ladder(Side.Ask)])
        {
            writer.WriteInt32(ladder.Count);
            for (int i = 0; i < ladder.Count; i++)
                ladder.WriteLevel(ref writer, i);
        }
    }

    private protected override void RestoreContent(ref CheckpointReader reader)
    {
        _inSnapshot = reader.ReadBoolean();
        _batchOpen = reader.ReadBoolean();
        foreach (PriceLadder ladder in (ReadOnlySpan<PriceLadder>)[Ladder(Side.Bid), Ladder(Side.Ask)])
        {
            int count = reader.ReadLength(PriceLadder.CheckpointLevelSize, "the level count");
            for (int i = 0; i < count; i++)
                ladder.RestoreLevel(ref reader);
        }
    }

    private protected override void SeedLevel(PriceLadder ladder, int index, Level level)
    {
        ref PriceLadder.Entry entry = ref ladder.InsertAt(index, level.Price);
        entry.Size = level.Size;
        entry.OrderCount = level.OrderCount;
    }
}
