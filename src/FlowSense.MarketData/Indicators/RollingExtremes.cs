using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// The minimum and maximum of the last <c>capacity</c> values in amortised O(1): two monotonic deques (ascending
/// for the minimum, descending for the maximum) of sample numbers and values, in circular arrays allocated once.
/// </summary>
/// <remarks>
/// The deques' capacity is rounded up to a power of two so a slot is found with a mask, and the ordering is a
/// type argument (a struct), so the JIT compiles one branch-free comparison per deque instead of testing a flag.
/// </remarks>
internal sealed class RollingExtremes
{
    private readonly MonotonicDeque<Ascending> _min;
    private readonly MonotonicDeque<Descending> _max;
    private readonly int _capacity;
    private long _count;

    public RollingExtremes(int capacity)
    {
        _capacity = capacity;
        _min = new MonotonicDeque<Ascending>(capacity);
        _max = new MonotonicDeque<Descending>(capacity);
    }

    public bool IsFull => _count >= _capacity;

    public double Min => _min.Front;

    public double Max => _max.Front;

    public void Push(double value)
    {
        long index = _count++;
        long oldestKept = index - _capacity + 1;
        _min.Push(index, value, oldestKept);
        _max.Push(index, value, oldestKept);
    }

    /// <summary>Writes the push count and both deques, into the section of the indicator that owns them.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.WriteInt64(_capacity);
        writer.WriteInt64(_count);
        _min.WriteCheckpoint(ref writer);
        _max.WriteCheckpoint(ref writer);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.ReadExpected(_capacity, "the window length");
        _count = reader.ReadInt64();
        _min.RestoreCheckpoint(ref reader, _capacity);
        _max.RestoreCheckpoint(ref reader, _capacity);
    }

    public void Clear()
    {
        _count = 0;
        _min.Clear();
        _max.Clear();
    }

    private interface IOrder
    {
        /// <summary>True when <paramref name="kept"/> can never again be the extreme once <paramref name="newcomer"/> is in the window.</summary>
        static abstract bool IsDominated(double kept, double newcomer);
    }

    private readonly struct Ascending : IOrder
    {
        public static bool IsDominated(double kept, double newcomer) => kept >= newcomer;
    }

    private readonly struct Descending : IOrder
    {
        public static bool IsDominated(double kept, double newcomer) => kept <= newcomer;
    }

    private sealed class MonotonicDeque<TOrder>(int capacity)
        where TOrder : struct, IOrder
    {
        private readonly long[] _indices = new long[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity)];
        private readonly double[] _values = new double[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity)];
        private int _head;
        private int _length;

        private int Mask => _values.Length - 1;

        public double Front => _values[_head];

        public void Push(long index, double value, long oldestKept)
        {
            // Values that can never be the extreme again (dominated by the newcomer) leave from the back.
            while (_length > 0 && TOrder.IsDominated(_values[(_head + _length - 1) & Mask], value))
                _length--;
            // The front leaves when it falls out of the window (at most one per push: the window moves by one).
            if (_length > 0 && _indices[_head] < oldestKept)
            {
                _head = (_head + 1) & Mask;
                _length--;
            }
            int slot = (_head + _length) & Mask;
            _indices[slot] = index;
            _values[slot] = value;
            _length++;
        }

        /// <summary>Writes the kept (index, value) pairs, front first.</summary>
        public void WriteCheckpoint(ref CheckpointWriter writer)
        {
            writer.WriteInt32(_length);
            for (int i = 0; i < _length; i++)
            {
                int slot = (_head + i) & Mask;
                writer.WriteInt64(_indices[slot]);
                writer.WriteDouble(_values[slot]);
            }
        }

        public void RestoreCheckpoint(ref CheckpointReader reader, int capacity)
        {
            _head = 0;
            _length = reader.ReadCount(capacity, "the kept extremes");
            for (int i = 0; i < _length; i++)
            {
                _indices[i] = reader.ReadInt64();
                _values[i] = reader.ReadDouble();
            }
        }

        public void Clear()
        {
            _head = 0;
            _length = 0;
        }
    }
}
