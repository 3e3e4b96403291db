using System.Numerics;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// Order id → pool slot for an <see cref="L3Book"/>: an open-addressing hash table with linear probing, keys and values
/// side by side in one array. Every L3 event looks an id up; a <see cref="Dictionary{TKey,TValue}"/> reads a bucket array
/// and then an entry array (two cache misses when a thousand books take turns), this reads one slot, usually the
/// right one. Removal shifts the probe run back instead of leaving tombstones, so lookups never slow down with churn.
/// Grows by doubling at half full and never shrinks: steady state allocates nothing.
/// A mutable struct inlined into its book, so that a lookup finds the table without loading another object first:
/// hold it in a non-readonly field.
/// </summary>
internal struct OrderIndex
{
    private const int InitialSize = 16; // a power of two

    private Entry[] _entries;
    private int _shift;

    public OrderIndex()
    {
        _entries = new Entry[InitialSize];
        _shift = 64 - BitOperations.Log2(InitialSize);
    }

    /// <summary>Ids held.</summary>
    public int Count { get; private set; }

    public bool ContainsKey(long id) => IndexOf(id) >= 0;

    public bool TryGetValue(long id, out int slot)
    {
        int index = IndexOf(id);
        slot = index >= 0 ? _entries[index].SlotPlusOne - 1 : -1;
        return index >= 0;
    }

    /// <summary>Adds <paramref name="id"/> → <paramref name="slot"/> (≥ 0); false, changing nothing, if the id is held.</summary>
    public bool TryAdd(long id, int slot)
    {
        if (2 * (Count + 1) > _entries.Length)
            Grow();
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        for (int i = Home(id); ; i = (i + 1) & mask)
        {
            ref Entry e = ref entries[i];
            if (e.SlotPlusOne == 0)
            {
                e = new Entry(id, slot + 1);
                Count++;
                return true;
            }
            if (e.Id == id)
                return false;
        }
    }

    /// <summary>Adds an id known not to be held.</summary>
    public void Add(long id, int slot)
    {
        if (!TryAdd(id, slot))
            throw new InvalidOperationException($"Order id {id} is already indexed.");
    }

    /// <summary>Removes <paramref name="id"/>; false if it was not held.</summary>
    public bool Remove(long id)
    {
        int hole = IndexOf(id);
        if (hole < 0)
            return false;
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        // Backward-shift deletion: pull later entries of the run into the hole when their home does not lie
        // (cyclically) after the hole, so every entry stays reachable from its home without gaps.
        for (int i = (hole + 1) & mask; entries[i].SlotPlusOne != 0; i = (i + 1) & mask)
        {
            int home = Home(entries[i].Id);
            bool stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (stays)
                continue;
            entries[hole] = entries[i];
            hole = i;
        }
        entries[hole] = default;
        Count--;
        return true;
    }

    /// <summary>Forgets every id, keeping the table grown so far.</summary>
    public void Clear()
    {
        Array.Clear(_entries);
        Count = 0;
    }

    private int IndexOf(long id)
    {
        Entry[] entries = _entries;
        int mask = entries.Length - 1;
        for (int i = Home(id); ; i = (i + 1) & mask)
        {
            ref Entry e = ref entries[i];
            if (e.SlotPlusOne == 0)
                return -1;
            if (e.Id == id)
                return i;
        }
    }

    // Fibonacci hashing: venues number orders sequentially, and the multiply spreads consecutive ids over the table.
    private int Home(long id) => (int)(((ulong)id * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        Entry[] old = _entries;
        _entries = new Entry[old.Length * 2];
        _shift--;
        Count = 0;
        foreach (Entry e in old)
        {
            if (e.SlotPlusOne != 0)
                TryAdd(e.Id, e.SlotPlusOne - 1);
        }
    }

    /// <summary>An id and its slot + 1, so the all-zero default marks a free entry.</summary>
    private readonly record struct Entry(long Id, int SlotPlusOne);
}
