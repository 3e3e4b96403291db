using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Intensity;

/// <summary>
/// Events (trades, or quote updates) per second over the clock window (t − τ, t]: the count in the window divided
/// by τ in seconds. Exact up to the window's capacity (see <see cref="ClockWindow{TSlot}"/>: it keeps the events' times only, overflows counted).
/// Warm-up: <see cref="IsReady"/> once τ has elapsed since the first event, before which the rate understates.
/// </summary>
public sealed class EventIntensity : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private ClockWindow<TimedEvent> _window; // inline, and not readonly: its methods change it in place
    private readonly double _windowSeconds;

    /// <param name="windowNs">τ in nanoseconds.</param>
    /// <param name="capacity">The most events the window holds before it evicts early.</param>
    public EventIntensity(long windowNs, int capacity)
    {
        _window = new ClockWindow<TimedEvent>(windowNs, capacity);
        _windowSeconds = windowNs / 1e9;
    }

    public bool IsReady => _window.IsWindowCovered;

    /// <summary>Events per second over the window.</summary>
    public double PerSecond => EventsInWindow / _windowSeconds;

    public long EventsInWindow => _window.SettledSum(); // the window evicts lazily: drop what left it once, not on every read

    public ref readonly ClockWindow<TimedEvent> Window => ref _window;

    public void OnEvent(long timeNs) => _window.Add(timeNs, 1);

    public void Advance(long nowNs) => _window.Advance(nowNs);

    /// <summary>Writes the clock window of event counts.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.EventIntensity, CheckpointVersion);
        _window.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.EventIntensity, CheckpointVersion);
        _window.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }
}
