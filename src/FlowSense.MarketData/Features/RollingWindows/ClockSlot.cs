namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>What a <see cref="ClockWindow{TSlot}"/> keeps per value.</summary>
public interface IClockSlot<TSlot> where TSlot : struct, IClockSlot<TSlot>
{
    long TimeNs { get; }

    long Value { get; }

    /// <summary>Whether the slot can keep <paramref name="value"/> (non-zero: zeros are never stored).</summary>
    static abstract bool Holds(long value);

    /// <summary>The slot of <paramref name="value"/> at <paramref name="timeNs"/>; the caller has checked <see cref="Holds"/>.</summary>
    static abstract TSlot Create(long timeNs, long value);
}

/// <summary>A value and its time, side by side so an eviction reads one cache line.</summary>
public readonly record struct TimedValue(long TimeNs, long Value) : IClockSlot<TimedValue>
{
    public static bool Holds(long value) => value != 0;

    public static TimedValue Create(long timeNs, long value) => new(timeNs, value);
}

/// <summary>An event's time alone: its value is 1.</summary>
public readonly record struct TimedEvent(long TimeNs) : IClockSlot<TimedEvent>
{
    public long Value => 1;

    public static bool Holds(long value) => value == 1;

    public static TimedEvent Create(long timeNs, long value) => new(timeNs);
}
