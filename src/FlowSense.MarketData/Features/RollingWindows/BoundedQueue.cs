using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// A first-in first-out ring of at most <see cref="Capacity"/> items whose storage grows by doubling as items arrive,
/// up to the capacity, and never shrinks. Windows are sized for the busiest instrument a setting must serve, but
/// most instruments never come near it: growing on demand keeps a thousand quiet symbols from each holding the peak's
/// memory, and once grown an enqueue allocates nothing. A mutable struct, inlined into its owner so the hot fields
/// share the owner's cache line: hold it in a non-readonly field.
/// <para>The storage's length is read from the array, not kept in a copy: every use of it comes with a slot's, and
/// reaching a slot reads the array's header anyway (the JIT's null check before the data reference), where
/// instruction-level profiles of paced runs show the wait. Reaching the slots by address instead (pinned storage,
/// tried on 2026-11-25) only moved the wait to the slot's own line (benchmarks/PERFORMANCE.md).</para>
/// </summary>
/// <typeparam name="T">The item; read and written in place through <c>ref</c>.</typeparam>
public struct BoundedQueue<T>
{
    /// <summary>The storage a fresh queue starts with (or the capacity, if smaller).</summary>
    public const int InitialStorage = 16;

    private T[] _items;
    private int _head;

    /// <param name="capacity">The most items the queue may hold.</param>
    public BoundedQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _items = new T[Math.Min(capacity, InitialStorage)];
    }

    /// <summary>The most items the queue may hold (the storage may still be smaller).</summary>
    public readonly int Capacity { get; }

    /// <summary>Items held.</summary>
    public int Count { get; private set; }

    public readonly bool IsFull => Count == Capacity;

    /// <summary>The storage is full: the next <see cref="Enqueue"/> grows it (or, at the capacity, must not happen).</summary>
    public readonly bool IsStorageFull => Count == _items.Length;

    /// <summary>The oldest item; the caller checks <see cref="Count"/> &gt; 0.</summary>
    public readonly ref T Oldest => ref Slot(_head);

    /// <summary>The item <paramref name="age"/> places after the oldest (0 = the oldest); the caller checks the range.</summary>
    public readonly ref T this[int age]
    {
        get
        {
            int index = _head + age, storage = _items.Length;
            return ref Slot(index >= storage ? index - storage : index);
        }
    }

    /// <summary>Appends <paramref name="item"/> as the newest; the caller makes room first when <see cref="IsFull"/>.</summary>
    public void Enqueue(in T item)
    {
        if (Count == _items.Length)
            Grow(Count + 1);
        int tail = _head + Count, storage = _items.Length;
        Slot(tail >= storage ? tail - storage : tail) = item;
        Count++;
    }

    /// <summary>Drops the oldest item; the caller checks <see cref="Count"/> &gt; 0.</summary>
    public void DropOldest()
    {
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        Count--;
    }

    /// <summary>Empties the queue, keeping the storage grown so far.</summary>
    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    /// <summary>Makes the storage hold <paramref name="count"/> items (at most <see cref="Capacity"/>), as a restore needs before it refills.</summary>
    public void Reserve(int count)
    {
        if (count > _items.Length)
            Grow(count);
    }

    private void Grow(int needed)
    {
        if (needed > Capacity)
            throw new InvalidOperationException($"The queue holds at most {Capacity} items.");
        int size = _items.Length;
        while (size < needed)
            size = (int)Math.Min(Capacity, 2L * size);
        var items = new T[size];
        // Unroll the ring so the oldest item is at 0.
        int firstPart = Math.Min(Count, _items.Length - _head);
        Array.Copy(_items, _head, items, 0, firstPart);
        Array.Copy(_items, 0, items, firstPart, Count - firstPart);
        _items = items;
        _head = 0;
    }

    /// <summary>The slot at storage position <paramref name="index"/>, checked against the storage's length.</summary>
    private readonly ref T Slot(int index)
    {
        if ((uint)index >= (uint)_items.Length)
            ThrowOutsideStorage(index);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), index);
    }

    private readonly void ThrowOutsideStorage(int index) =>
        throw new InvalidOperationException($"Position {index} is outside the queue's storage of {_items.Length} (head {_head}, {Count} items).");
}
