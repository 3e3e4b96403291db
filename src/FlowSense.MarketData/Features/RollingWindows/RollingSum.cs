using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// The sum of the last <see cref="Capacity"/> values added, in O(1) per add over a ring allocated once.
/// For floating-point <typeparamref name="T"/> the sum is recomputed from the ring once every
/// <see cref="Capacity"/> adds, so rounding error from repeated add/subtract cannot accumulate
/// (amortised O(1)); integer sums are exact and never recomputed.
/// <para>A mutable struct, inlined into the feature that owns it, so that an add reaches the ring without loading
/// another object: hold it in a non-readonly field. The ring's length is copied here for <see cref="IsFull"/> and
/// <see cref="Capacity"/>, which readiness checks read without touching the ring; an add reads the ring's header
/// anyway (the JIT's null check, see <see cref="BoundedQueue{T}"/>).</para>
/// </summary>
public struct RollingSum<T>
    where T : struct, INumber<T>
{
    private static readonly bool IsFloatingPoint = typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(decimal);

    private readonly T[] _ring;
    private readonly int _capacity; // _ring.Length
    private int _next;
    private int _addsSinceExactSum;

    public RollingSum(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new T[capacity];
        _capacity = capacity;
    }

    public readonly int Capacity => _capacity;

    /// <summary>How many values the window holds (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    public readonly bool IsFull => Count == _capacity;

    public T Sum { get; private set; }

    public void Add(T value)
    {
        T sum = Sum;
        if ((uint)_next >= (uint)_capacity)
            ThrowPositionOutside(_next, _capacity);
        ref T slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_ring), _next);
        if (Count == _capacity)
            sum -= slot;
        else
            Count++;
        slot = value;
        Sum = sum + value;
        _next = _next + 1 == _capacity ? 0 : _next + 1;

        if (IsFloatingPoint && ++_addsSinceExactSum == _capacity)
            RecomputeSum();
    }

    public void Clear()
    {
        Array.Clear(_ring);
        _next = 0;
        Count = 0;
        Sum = T.Zero;
        _addsSinceExactSum = 0;
    }

    /// <summary>
    /// Writes the ring in storage order (the periodic re-summation adds in that order, so it matters for the
    /// bits of a floating-point sum), the running sum and the re-summation counter (<see cref="RollingSumSection"/>).
    /// Only long and double have an encoding (the types the features use).
    /// </summary>
    public readonly void WriteCheckpoint(ref CheckpointWriter writer) =>
        RollingSumSection.Write(ref writer, Tag(), _capacity, new RollingPosition(Count, _next, _addsSinceExactSum), Bits(Sum), RingBits, stride: 1);

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote, into a window of the same length.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        CheckpointSection tag = Tag();
        Array.Clear(_ring);
        RollingPosition position = RollingSumSection.Read(ref reader, tag, _capacity, out long sumBits, RingBits, stride: 1);
        Sum = FromBits(sumBits);
        Count = position.Count;
        _next = position.Next;
        _addsSinceExactSum = position.AddsSinceExactSum;
    }

    private static CheckpointSection Tag() =>
        typeof(T) == typeof(long) ? CheckpointSection.RollingSumInt64
        : typeof(T) == typeof(double) ? CheckpointSection.RollingSumDouble
        : throw new InvalidOperationException($"RollingSum<{typeof(T).Name}> has no checkpoint encoding; only long and double do.");

    // Raw bits for both encodings (a double's IEEE bits, a long itself); Tag() has already refused other types.
    private static long Bits(T value) => Unsafe.BitCast<T, long>(value);

    private static T FromBits(long bits) => Unsafe.BitCast<long, T>(bits);

    // The ring as raw bits, in place (T is long or double once Tag() has passed).
    private readonly Span<long> RingBits => MemoryMarshal.Cast<T, long>(_ring.AsSpan());

    private static void ThrowPositionOutside(int next, int capacity) =>
        throw new InvalidOperationException($"The ring position {next} is outside the window of {capacity}.");

    private void RecomputeSum()
    {
        T sum = T.Zero;
        for (int i = 0; i < Count; i++)
            sum += _ring[i];
        Sum = sum;
        _addsSinceExactSum = 0;
    }
}
