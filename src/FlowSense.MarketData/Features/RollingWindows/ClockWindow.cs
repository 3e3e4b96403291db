using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// The exact sum of the values stamped in the clock window (now − τ, now], kept as a ring of slots that grows with
/// the busiest window seen, up to <see cref="Capacity"/>. Zero values change no sum and are not stored. If more than <see cref="Capacity"/>
/// non-zero values fall inside one window, the oldest is evicted early and counted in
/// <see cref="Overflows"/>: the sum is then short by what was evicted, and the count says so.
/// Timestamps that go backwards are counted in <see cref="OutOfOrder"/> and treated as the latest time seen,
/// so the ring stays ordered.
/// <para>The slot decides what a value costs: <see cref="TimedValue"/> keeps (time, value), 16 bytes;
/// <see cref="TimedEvent"/> keeps only the time, 8 bytes, for windows that count events (every value is 1). Over a
/// thousand symbols each slot written or evicted is a cache line to fetch every few events, so a counting window keeps
/// no values.</para>
/// <para>A mutable struct, inlined into the feature that owns it (OFI, the event intensities), so that an event
/// reaches the window's fields without loading another object: hold it in a non-readonly field.</para>
/// <para><b>Eviction is lazy.</b> Values that left the window stay in the ring until it is full (they are dropped
/// then, all at once, before it would grow or overflow) or until <see cref="Settle"/>; <see cref="Sum"/> and
/// <see cref="Count"/> leave them out either way, so what a reader sees is exact at every moment. Evicting on every
/// event read the ring's oldest slot, a cache line apart from the newest, on almost every event, and over a thousand
/// symbols that line was out of cache each time. Dropping a run of old slots at once reads them in order, which the
/// prefetcher does well; the ring grows exactly when an eager ring would. In the symbol-state benchmark at 1,000
/// symbols (medians of four alternating runs each) an event cost 384 ns instead of 408 with 1,536-event batches, and
/// 276 instead of 309 with 16,384.</para>
/// </summary>
public struct ClockWindow<TSlot> where TSlot : struct, IClockSlot<TSlot>
{
    private const byte CheckpointVersion = 1;

    private BoundedQueue<TSlot> _ring; // oldest first: values that left the window and are not dropped yet, then the window's
    // The oldest time in the ring, or MaxValue when empty: reads ask whether anything left the window without touching
    // the ring (a cache miss per call when a thousand symbols take turns).
    private long _oldestTimeNs = long.MaxValue;
    private long _ringSum; // every value in the ring, those that left the window included
    private ForwardClock _clock = new();

    /// <param name="windowNs">τ, the window length in nanoseconds.</param>
    /// <param name="capacity">The most non-zero values the window can hold before it evicts early.</param>
    public ClockWindow(long windowNs, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowNs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        WindowNs = windowNs;
        _ring = new BoundedQueue<TSlot>(capacity);
    }

    public readonly long WindowNs { get; }

    public readonly int Capacity => _ring.Capacity;

    /// <summary>Non-zero values inside the window.</summary>
    public readonly int Count => _ring.Count - Expired(out _);

    /// <summary>The sum of the values inside the window (t − τ, t], t the latest time seen.</summary>
    public readonly long Sum
    {
        get
        {
            Expired(out long expiredSum);
            return _ringSum - expiredSum;
        }
    }

    /// <summary>Values evicted while still inside the window because the ring was full.</summary>
    public long Overflows { get; private set; }

    /// <summary>Calls whose timestamp was earlier than one already seen.</summary>
    public readonly long OutOfOrder => _clock.OutOfOrder;

    /// <summary>The time of the first call, or <see cref="long.MinValue"/> before it.</summary>
    public long FirstTimeNs { get; private set; } = long.MinValue;

    /// <summary>True once a whole window has elapsed since the first call, so the sum covers a full τ.</summary>
    public readonly bool IsWindowCovered => FirstTimeNs != long.MinValue && _clock.LatestNs - FirstTimeNs >= WindowNs;

    /// <summary>Adds <paramref name="value"/> stamped <paramref name="timeNs"/> (values that left the window are dropped when the ring is full).</summary>
    public void Add(long timeNs, long value)
    {
        timeNs = Advance(timeNs);
        if (value == 0)
            return;
        if (!TSlot.Holds(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A window of {typeof(TSlot).Name} slots cannot keep this value.");

        if (_ring.IsStorageFull)
        {
            Settle(); // before the ring grows or overflows: only values still inside the window may make it
            if (_ring.IsFull)
            {
                DropOldest();
                Overflows++;
            }
        }
        if (_ring.Count == 0)
            _oldestTimeNs = timeNs;
        _ring.Enqueue(TSlot.Create(timeNs, value));
        _ringSum += value;
    }

    /// <summary>Drops the values that left the window and returns <see cref="Sum"/>: the read for owners, who hold the window mutable.</summary>
    public long SettledSum()
    {
        Settle();
        return _ringSum; // nothing left the window any more: the ring's sum is the window's
    }

    /// <summary>Drops the values that left the window; what it holds does not change (see the remarks on lazy eviction).</summary>
    public void Settle()
    {
        long cutoff = Cutoff;
        if (_oldestTimeNs > cutoff)
            return;
        while (_ring.Count > 0 && _ring.Oldest.TimeNs <= cutoff)
            DropOldest();
    }

    private void DropOldest()
    {
        _ringSum -= _ring.Oldest.Value;
        _ring.DropOldest();
        _oldestTimeNs = _ring.Count > 0 ? _ring.Oldest.TimeNs : long.MaxValue;
    }

    /// <summary>Writes the configuration (checked on restore), counters, clock and the (time, value) pairs oldest first.</summary>
    public readonly void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.ClockWindowSum, CheckpointVersion);
        writer.WriteInt64(WindowNs);
        writer.WriteInt64(Capacity);
        int expired = Expired(out long expiredSum); // not written: the checkpoint holds the window, as an eager one would
        writer.WriteInt64(_ringSum - expiredSum);
        writer.WriteInt64(Overflows);
        writer.WriteInt64(FirstTimeNs);
        _clock.WriteCheckpoint(ref writer);
        writer.WriteInt32(_ring.Count - expired);
        for (int i = expired; i < _ring.Count; i++)
        {
            ref TSlot slot = ref _ring[i];
            writer.WriteInt64(slot.TimeNs);
            writer.WriteInt64(slot.Value); // both slots write pairs: a checkpoint does not depend on the slot
        }
        writer.EndSection();
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote, into a window of the same length and capacity.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.ClockWindowSum, CheckpointVersion);
        reader.ReadExpected(WindowNs, "the window length (ns)");
        reader.ReadExpected(Capacity, "the capacity");
        long storedSum = reader.ReadInt64();
        Overflows = reader.ReadInt64();
        FirstTimeNs = reader.ReadInt64();
        _clock.RestoreCheckpoint(ref reader);
        int count = reader.ReadCount(Capacity, "the value count");
        _ring.Clear();
        _ring.Reserve(count);
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            long timeNs = reader.ReadInt64(), value = reader.ReadInt64();
            if (!TSlot.Holds(value))
                throw reader.Corrupt($"the window holds a value of {value}, which its slots cannot");
            _ring.Enqueue(TSlot.Create(timeNs, value));
            sum += value;
        }
        _oldestTimeNs = count > 0 ? _ring.Oldest.TimeNs : long.MaxValue;
        if (sum != storedSum)
            throw reader.Corrupt($"the stored values add up to {sum}, not the stored sum {storedSum}");
        _ringSum = sum;
        reader.EndSection();
    }

    /// <summary>Moves the clock to <paramref name="nowNs"/>: values stamped at or before now − τ leave the window.</summary>
    /// <returns>The time actually used (the latest seen, if <paramref name="nowNs"/> went backwards).</returns>
    public long Advance(long nowNs)
    {
        if (FirstTimeNs == long.MinValue)
            FirstTimeNs = nowNs;
        return _clock.Observe(nowNs);
    }

    // Values stamped at or before this have left the window.
    private readonly long Cutoff => _clock.HasStarted ? _clock.LatestNs - WindowNs : long.MinValue;

    /// <summary>How many of the ring's oldest values have left the window but are still held, and their sum.</summary>
    private readonly int Expired(out long sum)
    {
        sum = 0;
        long cutoff = Cutoff;
        if (_oldestTimeNs > cutoff)
            return 0;
        int expired = 0;
        while (expired < _ring.Count && _ring[expired].TimeNs <= cutoff)
            sum += _ring[expired++].Value;
        return expired;
    }
}
