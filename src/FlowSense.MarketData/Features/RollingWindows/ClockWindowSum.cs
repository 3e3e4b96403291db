using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// The exact sum of the values stamped in the clock window (now − τ, now], kept as a ring of (time, value)
/// pairs allocated once. Zero values change no sum and are not stored. If more than <see cref="Capacity"/>
/// non-zero values fall inside one window, the oldest is evicted early and counted in
/// <see cref="Overflows"/>: the sum is then short by what was evicted, and the count says so.
/// Timestamps that go backwards are counted in <see cref="OutOfOrder"/> and treated as the latest time seen,
/// so the ring stays ordered.
/// </summary>
public sealed class ClockWindowSum : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly long[] _times;
    private readonly long[] _values;
    private int _head;
    private ForwardClock _clock = new();

    /// <param name="windowNs">τ, the window length in nanoseconds.</param>
    /// <param name="capacity">The most non-zero values the window can hold before it evicts early.</param>
    public ClockWindowSum(long windowNs, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowNs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        WindowNs = windowNs;
        _times = new long[capacity];
        _values = new long[capacity];
    }

    public long WindowNs { get; }

    public int Capacity => _times.Length;

    /// <summary>Non-zero values inside the window.</summary>
    public int Count { get; private set; }

    public long Sum { get; private set; }

    /// <summary>Values evicted while still inside the window because the ring was full.</summary>
    public long Overflows { get; private set; }

    /// <summary>Calls whose timestamp was earlier than one already seen.</summary>
    public long OutOfOrder => _clock.OutOfOrder;

    /// <summary>The time of the first call, or <see cref="long.MinValue"/> before it.</summary>
    public long FirstTimeNs { get; private set; } = long.MinValue;

    /// <summary>True once a whole window has elapsed since the first call, so the sum covers a full τ.</summary>
    public bool IsWindowCovered => FirstTimeNs != long.MinValue && _clock.LatestNs - FirstTimeNs >= WindowNs;

    /// <summary>Adds <paramref name="value"/> stamped <paramref name="timeNs"/>, after evicting what left the window.</summary>
    public void Add(long timeNs, long value)
    {
        timeNs = Advance(timeNs);
        if (value == 0)
            return;

        int capacity = _times.Length;
        if (Count == capacity)
        {
            Sum -= _values[_head];
            _head = _head + 1 == capacity ? 0 : _head + 1;
            Count--;
            Overflows++;
        }
        int tail = _head + Count;
        if (tail >= capacity)
            tail -= capacity;
        _times[tail] = timeNs;
        _values[tail] = value;
        Count++;
        Sum += value;
    }

    /// <summary>Writes the configuration (checked on restore), counters, clock and the (time, value) pairs oldest first.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.ClockWindowSum, CheckpointVersion);
        writer.WriteInt64(WindowNs);
        writer.WriteInt64(_times.Length);
        writer.WriteInt64(Sum);
        writer.WriteInt64(Overflows);
        writer.WriteInt64(FirstTimeNs);
        _clock.WriteCheckpoint(ref writer);
        writer.WriteInt32(Count);
        for (int i = 0, slot = _head; i < Count; i++, slot = slot + 1 == _times.Length ? 0 : slot + 1)
        {
            writer.WriteInt64(_times[slot]);
            writer.WriteInt64(_values[slot]);
        }
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.ClockWindowSum, CheckpointVersion);
        reader.ReadExpected(WindowNs, "the window length (ns)");
        reader.ReadExpected(_times.Length, "the capacity");
        Sum = reader.ReadInt64();
        Overflows = reader.ReadInt64();
        FirstTimeNs = reader.ReadInt64();
        _clock.RestoreCheckpoint(ref reader);
        Count = reader.ReadCount(_times.Length, "the value count");
        _head = 0;
        long sum = 0;
        for (int i = 0; i < Count; i++)
        {
            _times[i] = reader.ReadInt64();
            _values[i] = reader.ReadInt64();
            sum += _values[i];
        }
        if (sum != Sum)
            throw reader.Corrupt($"the stored values add up to {sum}, not the stored sum {Sum}");
        reader.EndSection();
    }

    /// <summary>Moves the clock to <paramref name="nowNs"/> and evicts values stamped at or before now − τ.</summary>
    /// <returns>The time actually used (the latest seen, if <paramref name="nowNs"/> went backwards).</returns>
    public long Advance(long nowNs)
    {
        if (FirstTimeNs == long.MinValue)
            FirstTimeNs = nowNs;
        nowNs = _clock.Observe(nowNs);

        long cutoff = nowNs - WindowNs;
        int capacity = _times.Length;
        while (Count > 0 && _times[_head] <= cutoff)
        {
            Sum -= _values[_head];
            _head = _head + 1 == capacity ? 0 : _head + 1;
            Count--;
        }
        return nowNs;
    }
}
