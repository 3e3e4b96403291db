namespace FlowSense.MarketData.Indicators;

/// <summary>
/// The minimum and maximum of the last <c>capacity</c> values in amortised O(1): two monotonic deques (ascending
/// for the minimum, descending for the maximum) of sample numbers, stored in circular arrays allocated once.
/// </summary>
internal sealed class RollingExtremes
{
    private readonly MonotonicDeque _min;
    private readonly MonotonicDeque _max;
    private readonly int _capacity;
    private long _count;

    public RollingExtremes(int capacity)
    {
        _capacity = capacity;
        _min = new MonotonicDeque(capacity, keepSmallest: true);
        _max = new MonotonicDeque(capacity, keepSmallest: false);
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

    public void Clear()
    {
        _count = 0;
        _min.Clear();
        _max.Clear();
    }

    private sealed class MonotonicDeque(int capacity, bool keepSmallest)
    {
        private readonly long[] _indices = new long[capacity];
        private readonly double[] _values = new double[capacity];
        private int _head;
        private int _length;

        public double Front => _values[_head];

        public void Push(long index, double value, long oldestKept)
        {
            // Values that can never be the extreme again (dominated by the newcomer) leave from the back.
            while (_length > 0)
            {
                int back = Slot(_length - 1);
                bool dominated = keepSmallest ? _values[back] >= value : _values[back] <= value;
                if (!dominated)
                    break;
                _length--;
            }
            // The front leaves when it falls out of the window.
            if (_length > 0 && _indices[_head] < oldestKept)
            {
                _head = Slot(1);
                _length--;
            }
            int slot = Slot(_length);
            _indices[slot] = index;
            _values[slot] = value;
            _length++;
        }

        public void Clear()
        {
            _head = 0;
            _length = 0;
        }

        private int Slot(int offset)
        {
            int slot = _head + offset;
            return slot >= _indices.Length ? slot - _indices.Length : slot;
        }
    }
}
