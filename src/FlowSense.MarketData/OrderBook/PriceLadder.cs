using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// One side of a book: its price levels in one array sorted from the worst price to the best, so the best level is
/// the last element. Nearly all activity happens near the touch, so with the best at the end an insert or removal
/// there moves only the few elements above it, and the best level is read in O(1). Searches probe linearly from
/// the best for the first few levels, then binary-search the rest (far prices cost O(log n) plus the move).
/// The array grows by doubling and never shrinks, so a book in steady state allocates nothing.
/// <para>The ladder remembers the shallowest depth handed out for writing (<see cref="At"/>, <see cref="AtDepth"/>)
/// or moved by an insert or removal since <see cref="TakeShallowestChange"/>, so a reader of the top N levels can tell
/// that an event deeper than N left them as they were. Reads that must not count as changes use
/// <see cref="ReadAt"/> and <see cref="ReadAtDepth"/>.</para>
/// </summary>
internal sealed class PriceLadder
{
    /// <summary>Levels within this distance of the best are found by a linear scan (cheaper than a binary search there).</summary>
    private const int LinearProbe = 8;

    /// <summary>A level as the ladder stores it: the public <see cref="Level"/> fields plus the head and tail of its order queue (L3 only; -1 when none).</summary>
    internal struct Entry
    {
        public long Price;
        public long Size;
        public int OrderCount;
        public int Head;
        public int Tail;
    }

    private Entry[] _entries;
    private int _count;
    private int _shallowestChange; // 0 at first: a new ladder has never been read

    // +1 on the bid side (higher is better), -1 on the ask side (lower is better): comparing price * _sign makes
    // "better" mean "greater" on both sides, so one sorted-ascending implementation serves both.
    private readonly long _sign;

    public PriceLadder(Side side, int capacity = 64)
    {
        Side = side;
        _sign = side == Side.Bid ? 1 : -1;
        _entries = new Entry[Math.Max(4, capacity)];
    }

    public Side Side { get; }

    public int Count => _count;

    /// <summary>The entry at <paramref name="depth"/> levels from the best (0 = best), to change. The caller checks the range.</summary>
    public ref Entry AtDepth(int depth)
    {
        MarkChanged(depth);
        return ref _entries[_count - 1 - depth];
    }

    /// <summary>The entry at array position <paramref name="index"/> (as returned by <see cref="Find"/>), to change.</summary>
    public ref Entry At(int index)
    {
        MarkChanged(_count - 1 - index);
        return ref _entries[index];
    }

    /// <summary>The entry at <paramref name="depth"/> levels from the best, to read only. The caller checks the range.</summary>
    public ref readonly Entry ReadAtDepth(int depth) => ref _entries[_count - 1 - depth];

    /// <summary>The entry at array position <paramref name="index"/>, to read only.</summary>
    public ref readonly Entry ReadAt(int index) => ref _entries[index];

    /// <summary>
    /// The shallowest depth (0 = best) that may have changed since the previous call, or <see cref="int.MaxValue"/>
    /// if none did; then starts over. Conservative: a level handed out for writing counts even if left as it was.
    /// </summary>
    public int TakeShallowestChange()
    {
        int depth = _shallowestChange;
        _shallowestChange = int.MaxValue;
        return depth;
    }

    public Level LevelAtDepth(int depth)
    {
        if ((uint)depth >= (uint)_count)
            return default;
        ref Entry e = ref _entries[_count - 1 - depth];
        return new Level(e.Price, e.Size, e.OrderCount);
    }

    /// <summary>True when <paramref name="price"/> is strictly better than <paramref name="other"/> on this side.</summary>
    public bool IsBetter(long price, long other) => price * _sign > other * _sign;

    /// <summary>The array index of <paramref name="price"/>, or the bitwise complement of the index it would be inserted at.</summary>
    public int Find(long price)
    {
        Entry[] entries = _entries;
        long key = price * _sign;
        int i = _count - 1;
        int stop = Math.Max(0, _count - LinearProbe);
        for (; i >= stop; i--)
        {
            long k = entries[i].Price * _sign;
            if (k == key)
                return i;
            if (k < key)
                return ~(i + 1);
        }
        int lo = 0, hi = stop - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            long k = entries[mid].Price * _sign;
            if (k == key)
                return mid;
            if (k < key)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Inserts an empty level (size 0, no orders) at <paramref name="index"/> and returns it for the caller to fill.</summary>
    public ref Entry InsertAt(int index, long price)
    {
        if (_count == _entries.Length)
            Array.Resize(ref _entries, _entries.Length * 2);
        if (index < _count)
            Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _count++;
        MarkChanged(_count - 1 - index); // deeper levels moved one down
        ref Entry e = ref _entries[index];
        e = new Entry { Price = price, Head = -1, Tail = -1 };
        return ref e;
    }

    public void RemoveAt(int index)
    {
        MarkChanged(_count - 1 - index); // deeper levels move one up
        _count--;
        if (index < _count)
            Array.Copy(_entries, index + 1, _entries, index, _count - index);
    }

    /// <summary>How many levels, counted from the best, are strictly better than <paramref name="price"/>.</summary>
    public int CountBetterThan(long price)
    {
        int n = 0;
        for (int i = _count - 1; i >= 0 && IsBetter(_entries[i].Price, price); i--)
            n++;
        return n;
    }

    /// <summary>Bytes <see cref="WriteLevel"/> writes per level.</summary>
    public const int CheckpointLevelSize = 20;

    /// <summary>Writes the level at array position <paramref name="index"/>: price, size, order count.</summary>
    public void WriteLevel(ref CheckpointWriter writer, int index)
    {
        ref Entry e = ref _entries[index];
        writer.WriteInt64(e.Price);
        writer.WriteInt64(e.Size);
        writer.WriteInt32(e.OrderCount);
    }

    /// <summary>
    /// Reads a level written by <see cref="WriteLevel"/> and appends it as the new best (checkpoints list levels from
    /// the worst to the best), refusing a non-positive size, a negative order count or a price out of order.
    /// </summary>
    public ref Entry RestoreLevel(ref CheckpointReader reader)
    {
        long price = reader.ReadInt64();
        long size = reader.ReadInt64();
        int orderCount = reader.ReadInt32();
        if (size <= 0 || orderCount < 0)
            throw reader.Corrupt($"{Side} level {price} has size {size} and {orderCount} orders");
        if (_count > 0 && !IsBetter(price, _entries[_count - 1].Price))
            throw reader.Corrupt($"{Side} level {price} is out of price order");
        ref Entry e = ref InsertAt(_count, price);
        e.Size = size;
        e.OrderCount = orderCount;
        return ref e;
    }

    /// <summary>Drops the <paramref name="levels"/> best levels.</summary>
    public void RemoveBest(int levels)
    {
        _count -= levels;
        MarkChanged(0);
    }

    public void Clear()
    {
        _count = 0;
        MarkChanged(0);
    }

    private void MarkChanged(int depth)
    {
        if (depth < _shallowestChange)
            _shallowestChange = depth;
    }

    /// <summary>Copies up to <c>destination.Length</c> levels, best first; returns how many were written.</summary>
    public int CopyTop(Span<Level> destination)
    {
        Entry[] entries = TopEntries(out int count);
        int n = Math.Min(destination.Length, count);
        for (int d = 0; d < n; d++)
        {
            ref Entry e = ref entries[count - 1 - d];
            destination[d] = new Level(e.Price, e.Size, e.OrderCount);
        }
        return n;
    }

    /// <summary>Copies up to the shorter span's length of levels into parallel spans, best first; returns how many were written.</summary>
    public int CopyTop(Span<long> prices, Span<long> sizes)
    {
        Entry[] entries = TopEntries(out int count);
        int n = Math.Min(Math.Min(prices.Length, sizes.Length), count);
        for (int d = 0; d < n; d++)
        {
            ref Entry e = ref entries[count - 1 - d];
            prices[d] = e.Price;
            sizes[d] = e.Size;
        }
        return n;
    }

    /// <summary>
    /// The entries and their count, each read once and consistent with each other. Books have one owner, but a reader
    /// on another thread (a test polling a simulator's book) must get a stale copy, not an index out of range.
    /// </summary>
    private Entry[] TopEntries(out int count)
    {
        count = _count; // before the array: an insert grows the array before it counts the new entry
        Entry[] entries = _entries;
        count = Math.Min(count, entries.Length);
        return entries;
    }
}
