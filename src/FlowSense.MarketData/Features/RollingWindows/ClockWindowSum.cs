using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// A <see cref="ClockWindow"/> as an object of its own: the exact sum of the values stamped in (now − τ, now], for
/// callers that hold a window apart from any feature (and pass it around, or checkpoint it on its own). Features keep
/// the struct inline instead. Same behaviour and checkpoint section.
/// </summary>
public sealed class ClockWindowSum : ICheckpointState
{
    private ClockWindow _window;

    /// <param name="windowNs">τ, the window length in nanoseconds.</param>
    /// <param name="capacity">The most non-zero values the window can hold before it evicts early.</param>
    public ClockWindowSum(long windowNs, int capacity) => _window = new ClockWindow(windowNs, capacity);

    public long WindowNs => _window.WindowNs;

    public int Capacity => _window.Capacity;

    /// <summary>Non-zero values inside the window.</summary>
    public int Count => _window.Count;

    public long Sum => _window.Sum;

    /// <summary>Values evicted while still inside the window because the ring was full.</summary>
    public long Overflows => _window.Overflows;

    /// <summary>Calls whose timestamp was earlier than one already seen.</summary>
    public long OutOfOrder => _window.OutOfOrder;

    /// <summary>The time of the first call, or <see cref="long.MinValue"/> before it.</summary>
    public long FirstTimeNs => _window.FirstTimeNs;

    /// <summary>True once a whole window has elapsed since the first call, so the sum covers a full τ.</summary>
    public bool IsWindowCovered => _window.IsWindowCovered;

    /// <summary>Adds <paramref name="value"/> stamped <paramref name="timeNs"/>, after evicting what left the window.</summary>
    public void Add(long timeNs, long value) => _window.Add(timeNs, value);

    /// <summary>Moves the clock to <paramref name="nowNs"/> and evicts values stamped at or before now − τ.</summary>
    /// <returns>The time actually used (the latest seen, if <paramref name="nowNs"/> went backwards).</returns>
    public long Advance(long nowNs) => _window.Advance(nowNs);

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer) => _window.WriteCheckpoint(ref writer);

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader) => _window.RestoreCheckpoint(ref reader);
}
