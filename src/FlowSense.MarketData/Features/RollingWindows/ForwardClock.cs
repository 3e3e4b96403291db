using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// The latest time a stream has shown, which only moves forward. Windows need ordered time; a timestamp that goes
/// backwards is counted in <see cref="OutOfOrder"/> and replaced by the latest seen, rather than corrupting order.
/// A mutable struct: hold it in a non-readonly field.
/// </summary>
public struct ForwardClock
{
    public ForwardClock() => LatestNs = long.MinValue;

    /// <summary>The latest time observed, or <see cref="long.MinValue"/> before the first.</summary>
    public long LatestNs { get; private set; }

    public readonly bool HasStarted => LatestNs != long.MinValue;

    /// <summary>Observations earlier than one already seen.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Writes the clock's fields into the section of the window that owns it.</summary>
    internal readonly void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.WriteInt64(LatestNs);
        writer.WriteInt64(OutOfOrder);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote.</summary>
    internal void RestoreCheckpoint(ref CheckpointReader reader)
    {
        LatestNs = reader.ReadInt64();
        OutOfOrder = reader.ReadInt64();
    }

    /// <summary>Observes <paramref name="timeNs"/> and returns the time to use: it, or the latest seen if it went backwards.</summary>
    public long Observe(long timeNs)
    {
        if (timeNs < LatestNs)
        {
            OutOfOrder++;
            return LatestNs;
        }
        LatestNs = timeNs;
        return timeNs;
    }
}
