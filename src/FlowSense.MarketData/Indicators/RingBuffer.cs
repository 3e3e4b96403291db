using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// The last <c>capacity</c> values of a series, in a buffer allocated once. Indicators keep running sums over it;
/// <see cref="Wrapped"/> tells them when a full lap has passed so they can re-sum exactly and stop floating-point
/// drift from accumulating (O(capacity) once per capacity updates: still O(1) amortised).
/// </summary>
internal sealed class RingBuffer
{
    private readonly double[] _items;
    private int _next;

    public RingBuffer(int capacity) => _items = new double[capacity];

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _items.Length;

    /// <summary>True right after a push that completed a lap of the buffer.</summary>
    public bool Wrapped => _next == 0 && IsFull;

    /// <summary>The value that the next push will evict (meaningful only when <see cref="IsFull"/>).</summary>
    public double Oldest => _items[_next];

    /// <summary>The value pushed <paramref name="age"/> pushes ago (0 = the newest).</summary>
    public double this[int age]
    {
        get
        {
            int index = _next - 1 - age;
            return _items[index < 0 ? index + _items.Length : index];
        }
    }

    /// <summary>The stored values, oldest first only when the buffer has just wrapped; order-free sums are fine.</summary>
    public ReadOnlySpan<double> Values => _items.AsSpan(0, Count);

    public void Push(double value)
    {
        _items[_next] = value;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (Count < _items.Length)
            Count++;
    }

    public double Sum()
    {
        double sum = 0;
        foreach (double v in Values)
            sum += v;
        return sum;
    }

    /// <summary>
    /// Writes the values in storage order (sums are taken in that order, so it matters for their bits) and the
    /// next slot, into the section of the indicator that owns the buffer.
    /// </summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.WriteInt64(_items.Length);
        writer.WriteInt32(Count);
        writer.WriteInt32(_next);
        writer.WriteDoubles(Values);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.ReadExpected(_items.Length, "the window length");
        int count = reader.ReadCount(_items.Length, "the value count");
        int next = reader.ReadCount(_items.Length - 1, "the ring position");
        if (count < _items.Length && next != count)
            throw reader.Corrupt($"a window holding {count} values has its next slot at {next}");
        Array.Clear(_items);
        reader.ReadDoubles(_items.AsSpan(0, count));
        Count = count;
        _next = next;
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
    }
}
