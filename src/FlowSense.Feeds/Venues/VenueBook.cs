using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// The price-level book a venue codec keeps per symbol to check its own work (Kraken's checksum, Binance's top of
/// book): each side a sorted array with the best level at the end, so updates at the touch move few elements and the
/// arrays stop growing once they reach the book's depth. It also turns venue level updates into the normalized
/// <see cref="BookDelta"/> stream (see <see cref="ApplyUpdates"/>), so what downstream books receive is exactly what this
/// book applied.
/// </summary>
/// <remarks>
/// Interim: the engine's own L2 book (FlowSense.MarketData.OrderBook) was being written in parallel; a codec that can
/// use it should. Kept deliberately small: no crossed-book policy (codecs report crossing, they do not repair it).
/// </remarks>
public sealed class VenueBook(InstrumentId instrument)
{
    private readonly SideLadder _bids = new(sign: 1);
    private readonly SideLadder _asks = new(sign: -1);

    public InstrumentId Instrument { get; } = instrument;

    public PriceLevel BestBid => _bids.AtDepth(0);

    public PriceLevel BestAsk => _asks.AtDepth(0);

    /// <summary>Best bid strictly above best ask. A locked book (equal) is valid.</summary>
    public bool IsCrossed => _bids.Count > 0 && _asks.Count > 0 && BestBid.Price > BestAsk.Price;

    public int Count(Side side) => Ladder(side).Count;

    /// <summary>The level <paramref name="depth"/> steps from the best (0 = best), or an empty level beyond the last.</summary>
    public PriceLevel LevelAt(Side side, int depth) => Ladder(side).AtDepth(depth);

    /// <summary>The size resting at <paramref name="price"/>, 0 when there is no level.</summary>
    public long SizeAt(Side side, long price)
    {
        var ladder = Ladder(side);
        int index = ladder.Find(price);
        return index >= 0 ? ladder.SizeAt(index) : 0;
    }

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    /// <summary>
    /// Replaces the book with <paramref name="levels"/> and publishes it as one snapshot batch (every delta flagged
    /// <see cref="DeltaFlags.Snapshot"/>, the last also <see cref="DeltaFlags.LastInBatch"/>; an empty snapshot is one
    /// <see cref="BookAction.Clear"/>). Zero sizes are skipped; the codec has already refused negative ones.
    /// </summary>
    public void LoadSnapshot(ReadOnlySpan<LevelUpdate> levels, in EventHeader header, IMarketEventSink sink)
    {
        Clear();
        foreach (var level in levels)
            if (level.Size > 0)
                Ladder(level.Side).Set(level.Price, level.Size);
        var batch = new DeltaBatch(sink, header, DeltaFlags.Snapshot);
        PublishSide(ref batch, Side.Bid);
        PublishSide(ref batch, Side.Ask);
        if (batch.IsEmpty)
            batch.Add(Side.Bid, 0, 0, BookAction.Clear);
        batch.Complete();
    }

    /// <summary>
    /// Applies a venue message's level updates in order, then trims each side to <paramref name="maxDepth"/> levels
    /// (venues such as Kraken stop sending removals for levels that fall out of the subscribed depth), publishing one
    /// delta per change with <see cref="DeltaFlags.LastInBatch"/> on the last. A removal of a level the book does not
    /// hold changes nothing and publishes nothing (Binance documents it as normal). Returns the deltas published.
    /// </summary>
    public int ApplyUpdates(ReadOnlySpan<LevelUpdate> updates, in EventHeader header, IMarketEventSink sink, int maxDepth = int.MaxValue)
    {
        var batch = new DeltaBatch(sink, header, DeltaFlags.None);
        foreach (var u in updates)
        {
            var ladder = Ladder(u.Side);
            if (u.Size == 0)
            {
                if (ladder.Remove(u.Price))
                    batch.Add(u.Side, u.Price, 0, BookAction.Delete);
            }
            else
            {
                ladder.Set(u.Price, u.Size);
                batch.Add(u.Side, u.Price, u.Size, BookAction.Add);
            }
        }
        Trim(ref batch, Side.Bid, maxDepth);
        Trim(ref batch, Side.Ask, maxDepth);
        return batch.Complete();
    }

    private void Trim(ref DeltaBatch batch, Side side, int maxDepth)
    {
        var ladder = Ladder(side);
        while (ladder.Count > maxDepth)
        {
            var worst = ladder.AtDepth(ladder.Count - 1);
            ladder.RemoveWorst();
            batch.Add(side, worst.Price, 0, BookAction.Delete);
        }
    }

    private void PublishSide(ref DeltaBatch batch, Side side)
    {
        var ladder = Ladder(side);
        for (int depth = 0; depth < ladder.Count; depth++)
        {
            var level = ladder.AtDepth(depth);
            batch.Add(side, level.Price, level.Size, BookAction.Add);
        }
    }

    private SideLadder Ladder(Side side) => side == Side.Bid ? _bids : _asks;

    /// <summary>
    /// Holds back one delta so the last of a message can be flagged <see cref="DeltaFlags.LastInBatch"/> without
    /// knowing in advance which change will be last (trimming may add some at the end).
    /// </summary>
    private struct DeltaBatch(IMarketEventSink sink, EventHeader header, DeltaFlags flags)
    {
        private BookDelta _pending;
        private int _count;

        public readonly bool IsEmpty => _count == 0;

        public void Add(Side side, long price, long size, BookAction action)
        {
            if (_count++ > 0)
                sink.OnBookDelta(_pending);
            _pending = new BookDelta(header, side, price, size, action, flags);
        }

        public int Complete()
        {
            if (_count > 0)
                sink.OnBookDelta(_pending with { Flags = flags | DeltaFlags.LastInBatch });
            return _count;
        }
    }

    /// <summary>
    /// One side, sorted from the worst price to the best. Prices are compared as price * sign, so "better" is
    /// "greater" on both sides and one implementation serves bids (sign +1) and asks (sign -1).
    /// </summary>
    private sealed class SideLadder(long sign)
    {
        private long[] _prices = new long[64];
        private long[] _sizes = new long[64];

        public int Count { get; private set; }

        public PriceLevel AtDepth(int depth)
        {
            if ((uint)depth >= (uint)Count)
                return default;
            int index = Count - 1 - depth;
            return new PriceLevel(_prices[index], _sizes[index]);
        }

        public long SizeAt(int index) => _sizes[index];

        /// <summary>The index of <paramref name="price"/>, or the bitwise complement of where it would be inserted.</summary>
        public int Find(long price)
        {
            long key = price * sign;
            // Most activity is at the touch: look at the best few levels before bisecting the rest.
            int stop = Math.Max(0, Count - 8);
            for (int i = Count - 1; i >= stop; i--)
            {
                long here = _prices[i] * sign;
                if (here == key)
                    return i;
                if (here < key)
                    return ~(i + 1);
            }
            int lo = 0, hi = stop - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                long here = _prices[mid] * sign;
                if (here == key)
                    return mid;
                if (here < key)
                    lo = mid + 1;
                else
                    hi = mid - 1;
            }
            return ~lo;
        }

        public void Set(long price, long size)
        {
            int index = Find(price);
            if (index >= 0)
            {
                _sizes[index] = size;
                return;
            }
            index = ~index;
            if (Count == _prices.Length)
            {
                Array.Resize(ref _prices, Count * 2);
                Array.Resize(ref _sizes, Count * 2);
            }
            Array.Copy(_prices, index, _prices, index + 1, Count - index);
            Array.Copy(_sizes, index, _sizes, index + 1, Count - index);
            _prices[index] = price;
            _sizes[index] = size;
            Count++;
        }

        public bool Remove(long price)
        {
            int index = Find(price);
            if (index < 0)
                return false;
            Array.Copy(_prices, index + 1, _prices, index, Count - index - 1);
            Array.Copy(_sizes, index + 1, _sizes, index, Count - index - 1);
            Count--;
            return true;
        }

        public void RemoveWorst()
        {
            Array.Copy(_prices, 1, _prices, 0, Count - 1);
            Array.Copy(_sizes, 1, _sizes, 0, Count - 1);
            Count--;
        }

        public void Clear() => Count = 0;
    }
}
