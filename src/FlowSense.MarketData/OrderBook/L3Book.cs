using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// An order-by-order (L3) book built from <see cref="OrderEvent"/>s. Orders are found by id through a hash map of
/// id → pooled slot (<see cref="OrderIndex"/>, <see cref="OrderPool"/>); each price level keeps its orders in a FIFO queue (time priority)
/// and its aggregate size and order count, so the L2 view (<see cref="IBookView"/>) is always exactly what an
/// <see cref="L2Book"/> fed the equivalent deltas would hold, and reads cost the same as there.
/// </summary>
/// <remarks>
/// <para><b>Starting mid-stream (seeded liquidity).</b> A feed that begins after the open (LOBSTER files, an ITCH
/// session joined late) refers to orders the book never saw added. <see cref="LevelBook.LoadSnapshot"/> seeds the book
/// from an L2 snapshot with one synthetic aggregate order per level (negative ids, <see cref="RestingOrder.IsSeeded"/>),
/// at the front of the level's queue since those orders arrived first. A cancel, execution or delete of an unknown
/// id that carries a side and price is then applied to the seeded order at that price
/// (<see cref="ApplyResult.AppliedToSeeded"/>); a delete needs its size for this (LOBSTER gives the deleted order's
/// remaining size). With no seeded order at that price (never seeded, or already used up) the event is refused as
/// <see cref="ApplyResult.UnknownOrder"/>; one larger than the seeded remainder as <see cref="ApplyResult.Overfill"/>.
/// The fallback can only ever consume seeded liquidity, never an order the book knows by id. Replaces of unknown
/// ids are always refused: a replace does not say how much of the old price it removes.</para>
/// <para><b>Refusals</b> leave the book unchanged: a size ≤ 0, an id already resting (add or replace target), a
/// cancel/execution larger than the order, an unknown id. A replace keeps the side, takes the new price and size,
/// and goes to the back of the queue (a <see cref="OrderEvent.NewOrderId"/> of 0 keeps the id).</para>
/// <para>Levels carry the real count of orders behind them; a seeded order counts as one.</para>
/// </remarks>
public sealed class L3Book : LevelBook
{
    // Structs, not readonly: their methods change them in place.
    private OrderPool _orders = new();
    private OrderIndex _slotById = new();
    private long _nextSeededId = -1;

    /// <summary>Creates an empty book.</summary>
    public L3Book(InstrumentId instrument, BookOptions? options = null)
        : base(instrument, options)
    {
    }

    /// <summary>Orders resting now (seeded aggregate orders included).</summary>
    public int OrderCount => _slotById.Count;

    /// <summary>Events applied to seeded liquidity because their order id was unknown (see the remarks).</summary>
    public long SeededReductions { get; private set; }

    /// <summary>Looks up a resting order by id.</summary>
    public bool TryGetOrder(long orderId, out RestingOrder order)
    {
        if (_slotById.TryGetValue(orderId, out int slot))
        {
            order = ToResting(slot);
            return true;
        }
        order = default;
        return false;
    }

    /// <summary>Copies the orders queued at one price, front (oldest) first; returns how many were written.</summary>
    public int OrdersAt(Side side, long price, Span<RestingOrder> destination)
    {
        PriceLadder ladder = Ladder(side);
        int index = ladder.Find(price);
        if (index < 0)
            return 0;
        int n = 0;
        for (int slot = ladder.ReadAt(index).Head; slot >= 0 && n < destination.Length; slot = _orders[slot].Next)
            destination[n++] = ToResting(slot);
        return n;
    }

    /// <summary>Applies one order event; never throws for bad input (see <see cref="ApplyResult"/>).</summary>
    public ApplyResult Apply(in OrderEvent e)
    {
        if (!Admit(e.Header, continuesBatch: false, out ApplyResult admitted))
            return admitted;
        ApplyResult outcome = e.Action switch
        {
            OrderAction.Add => Add(e.OrderId, e.Side, e.Price, e.Size),
            OrderAction.Cancel or OrderAction.Execute => Reduce(e),
            OrderAction.Delete => Delete(e),
            OrderAction.Replace => Replace(e),
            _ => Errors.Count(ApplyResult.MalformedEvent),
        };
        return Combine(admitted, outcome);
    }

    private ApplyResult Add(long orderId, Side side, long price, long size)
    {
        if (size <= 0)
            return Errors.Count(ApplyResult.InvalidSize);
        if (_slotById.ContainsKey(orderId))
            return Errors.Count(ApplyResult.DuplicateOrderId);
        ApplyResult cross = CheckCross(side, price);
        if (cross == ApplyResult.RejectedCrossed)
            return cross;
        Rest(orderId, side, price, size, seeded: false);
        Touch();
        return cross;
    }

    private ApplyResult Reduce(in OrderEvent e)
    {
        if (e.Size <= 0)
            return Errors.Count(ApplyResult.InvalidSize);
        if (!_slotById.TryGetValue(e.OrderId, out int slot))
            return ReduceSeeded(e.Side, e.Price, e.Size);
        ref OrderPool.Node node = ref _orders[slot];
        if (e.Size > node.Size)
            return Errors.Count(ApplyResult.Overfill);
        if (e.Size == node.Size)
        {
            Remove(slot);
        }
        else
        {
            node.Size -= e.Size;
            PriceLadder ladder = Ladder(node.Side);
            ladder.At(ladder.Find(node.Price)).Size -= e.Size;
        }
        Touch();
        return ApplyResult.Applied;
    }

    private ApplyResult Delete(in OrderEvent e)
    {
        if (_slotById.TryGetValue(e.OrderId, out int slot))
        {
            Remove(slot);
            Touch();
            return ApplyResult.Applied;
        }
        // An unknown order can only be matched to seeded liquidity when the event says how much it removes.
        return e.Size > 0 ? ReduceSeeded(e.Side, e.Price, e.Size) : Errors.Count(ApplyResult.UnknownOrder);
    }

    private ApplyResult Replace(in OrderEvent e)
    {
        if (!_slotById.TryGetValue(e.OrderId, out int slot))
            return Errors.Count(ApplyResult.UnknownOrder);
        if (e.Size <= 0)
            return Errors.Count(ApplyResult.InvalidSize);
        long newId = e.NewOrderId == 0 ? e.OrderId : e.NewOrderId;
        if (newId != e.OrderId && _slotById.ContainsKey(newId))
            return Errors.Count(ApplyResult.DuplicateOrderId);
        Side side = _orders[slot].Side;
        ApplyResult cross = CheckCross(side, e.Price); // only the opposite side can be cleared: our slot survives
        if (cross == ApplyResult.RejectedCrossed)
            return cross;
        Remove(slot);
        Rest(newId, side, e.Price, e.Size, seeded: false);
        Touch();
        return cross;
    }

    /// <summary>Applies a reduction for an order the book never saw to the seeded order at that price (see remarks).</summary>
    private ApplyResult ReduceSeeded(Side side, long price, long size)
    {
        PriceLadder ladder = Ladder(side);
        int index = ladder.Find(price);
        int head = index >= 0 ? ladder.ReadAt(index).Head : -1;
        if (head < 0 || !_orders[head].IsSeeded)
            return Errors.Count(ApplyResult.UnknownOrder);
        ref OrderPool.Node seeded = ref _orders[head];
        if (size > seeded.Size)
            return Errors.Count(ApplyResult.Overfill);
        if (size == seeded.Size)
        {
            Remove(head);
        }
        else
        {
            seeded.Size -= size;
            ladder.At(index).Size -= size;
        }
        SeededReductions++;
        Touch();
        return ApplyResult.AppliedToSeeded;
    }

    /// <summary>Puts a new order at the back of its level's queue, creating the level if needed.</summary>
    private void Rest(long orderId, Side side, long price, long size, bool seeded)
    {
        int slot = _orders.Rent();
        ref OrderPool.Node node = ref _orders[slot];
        node.Id = orderId;
        node.Side = side;
        node.Price = price;
        node.Size = size;
        node.IsSeeded = seeded;
        _slotById.Add(orderId, slot);

        PriceLadder ladder = Ladder(side);
        int index = ladder.Find(price);
        ref PriceLadder.Entry level = ref index >= 0 ? ref ladder.At(index) : ref ladder.InsertAt(~index, price);
        _orders.Append(slot, ref level.Head, ref level.Tail);
        level.Size += size;
        level.OrderCount++;
    }

    /// <summary>Takes an order out of its queue, its level (dropping the level when it empties) and the id map.</summary>
    private void Remove(int slot)
    {
        ref OrderPool.Node node = ref _orders[slot];
        PriceLadder ladder = Ladder(node.Side);
        int index = ladder.Find(node.Price);
        ref PriceLadder.Entry level = ref ladder.At(index);
        _orders.Unlink(slot, ref level.Head, ref level.Tail);
        level.Size -= node.Size;
        if (--level.OrderCount == 0)
            ladder.RemoveAt(index);
        _slotById.Remove(node.Id);
        _orders.Return(slot);
    }

    private RestingOrder ToResting(int slot)
    {
        ref OrderPool.Node node = ref _orders[slot];
        return new RestingOrder(node.Id, node.Side, node.Price, node.Size, node.IsSeeded);
    }

    private protected override CheckpointSection CheckpointTag => CheckpointSection.L3Book;

    private protected override byte CheckpointVersion => 1;

    /// <summary>Per side: the level count, then each level (worst to best) followed by its orders, front first.</summary>
    private protected override void WriteContent(ref CheckpointWriter writer)
    {
        writer.WriteInt64(_nextSeededId);
        writer.WriteInt64(SeededReductions);
        foreach (PriceLadder ladder in (ReadOnlySpan<PriceLadder>)[Ladder(Side.Bid), Ladder(Side.Ask)])
        {
            writer.WriteInt32(ladder.Count);
            for (int i = 0; i < ladder.Count; i++)
            {
                ladder.WriteLevel(ref writer, i);
                for (int slot = ladder.ReadAt(i).Head; slot >= 0; slot = _orders[slot].Next)
                {
                    ref OrderPool.Node node = ref _orders[slot];
                    writer.WriteInt64(node.Id);
                    writer.WriteInt64(node.Size);
                    writer.WriteBoolean(node.IsSeeded);
                }
            }
        }
    }

    /// <summary>Rebuilds levels and queues, checking that each level's orders add up to its size and count.</summary>
    private protected override void RestoreContent(ref CheckpointReader reader)
    {
        _nextSeededId = reader.ReadInt64();
        SeededReductions = reader.ReadInt64();
        foreach (PriceLadder ladder in (ReadOnlySpan<PriceLadder>)[Ladder(Side.Bid), Ladder(Side.Ask)])
        {
            int count = reader.ReadLength(PriceLadder.CheckpointLevelSize, "the level count");
            for (int i = 0; i < count; i++)
            {
                ref PriceLadder.Entry level = ref ladder.RestoreLevel(ref reader);
                long total = 0;
                for (int k = 0; k < level.OrderCount; k++)
                {
                    long id = reader.ReadInt64();
                    long size = reader.ReadInt64();
                    bool seeded = reader.ReadBoolean();
                    if (size <= 0 || _slotById.ContainsKey(id))
                        throw reader.Corrupt($"order {id} at {ladder.Side} {level.Price} has size {size} or appears twice");
                    int slot = _orders.Rent();
                    ref OrderPool.Node node = ref _orders[slot];
                    node.Id = id;
                    node.Side = ladder.Side;
                    node.Price = level.Price;
                    node.Size = size;
                    node.IsSeeded = seeded;
                    _slotById.Add(id, slot);
                    _orders.Append(slot, ref level.Head, ref level.Tail);
                    total += size;
                }
                if (level.OrderCount == 0 || total != level.Size)
                    throw reader.Corrupt($"the orders at {ladder.Side} {level.Price} add up to {total}, not the level's {level.Size}");
            }
        }
    }

    private protected override void SeedLevel(PriceLadder ladder, int index, Level level)
    {
        int slot = _orders.Rent();
        ref OrderPool.Node node = ref _orders[slot];
        node.Id = _nextSeededId--;
        node.Side = ladder.Side;
        node.Price = level.Price;
        node.Size = level.Size;
        node.IsSeeded = true;
        _slotById.Add(node.Id, slot);

        ref PriceLadder.Entry entry = ref ladder.InsertAt(index, level.Price);
        _orders.Append(slot, ref entry.Head, ref entry.Tail);
        entry.Size = level.Size;
        entry.OrderCount = 1;
    }

    private protected override void ReleaseLevel(ref PriceLadder.Entry level)
    {
        for (int slot = level.Head; slot >= 0;)
        {
            int next = _orders[slot].Next;
            _slotById.Remove(_orders[slot].Id);
            _orders.Return(slot);
            slot = next;
        }
        level.Head = level.Tail = -1;
    }

    private protected override void ClearContent()
    {
        base.ClearContent();
        _slotById.Clear();
        _orders.Reset();
        _nextSeededId = -1;
    }
}
