using System.Numerics;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// The sum of the last <see cref="Capacity"/> values added, in O(1) per add over a ring allocated once.
/// For floating-point <typeparamref name="T"/> the sum is recomputed from the ring once every
/// <see cref="Capacity"/> adds, so rounding error from repeated add/subtract cannot accumulate
/// (amortised O(1)); integer sums are exact and never recomputed.
/// </summary>
public sealed class RollingSum<T> where T : struct, INumber<T>
{
    private static readonly bool IsFloatingPoint = typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(decimal);

    private readonly T[] _ring;
    private int _next;
    private int _addsSinceExactSum;

    public RollingSum(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new T[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>How many values the window holds (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == _ring.Length;

    public T Sum { get; private set; }

    public void Add(T value)
    {
        T sum = Sum;
        if (Count == _ring.Length)
            sum -= _ring[_next];
        else
            Count++;
        _ring[_next] = value;
        Sum = sum + value;
        _next = _next + 1 == _ring.Length ? 0 : _next + 1;

        if (IsFloatingPoint && ++_addsSinceExactSum == _ring.Length)
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

    private void RecomputeSum()
    {
        T sum = T.Zero;
        for (int i = 0; i < Count; i++)
            sum += _ring[i];
        Sum = sum;
        _addsSinceExactSum = 0;
    }
}
