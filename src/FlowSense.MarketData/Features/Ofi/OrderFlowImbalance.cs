using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.Ofi;

/// <summary>
/// Order-flow imbalance (Cont, Kukanov &amp; Stoikov 2014): the sum of the event contributions e_n
/// (<see cref="OrderFlowEvent"/>) over the last N events and over the clock window (t − τ, t], in raw size units.
/// <para>An event is a change of the best bid/ask price or size; an update that repeats the previous state is
/// not an event (it would add e_n = 0 and dilute the N-event window); an empty side is read as
/// <see cref="OrderFlowEvent.AsQueues"/> says. Warm-up: the first state yields no e_n,
/// so <see cref="IsReady"/> turns true with the second, different state; <see cref="OverEvents"/> covers a full
/// N once <see cref="IsEventWindowFull"/>. The clock window is exact (see <see cref="ClockWindow{TSlot}"/>),
/// up to its capacity, whose overflows are counted.</para>
/// </summary>
public sealed class OrderFlowImbalance : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private RollingSum<long> _events; // a struct changed in place: not readonly
    private ClockWindow<TimedValue> _clock; // inline, and not readonly: its methods change it in place
    private TopOfBook _previous;
    private bool _hasPrevious;

    /// <param name="eventWindow">N, the number of events summed by <see cref="OverEvents"/>.</param>
    /// <param name="clockWindowNs">τ in nanoseconds, for <see cref="OverClock"/>.</param>
    /// <param name="clockCapacity">The most non-zero events the clock window holds before it evicts early.</param>
    public OrderFlowImbalance(int eventWindow, long clockWindowNs, int clockCapacity)
    {
        _events = new RollingSum<long>(eventWindow);
        _clock = new ClockWindow<TimedValue>(clockWindowNs, clockCapacity);
    }

    /// <summary>At least one e_n has been computed.</summary>
    public bool IsReady => EventCount > 0;

    public bool IsEventWindowFull => _events.IsFull;

    /// <summary>e_n of the latest event (0 before the first).</summary>
    public long LastEvent { get; private set; }

    /// <summary>Events seen since construction.</summary>
    public long EventCount { get; private set; }

    /// <summary>Σ e_n since construction.</summary>
    public long Cumulative { get; private set; }

    /// <summary>Σ e_n over the last N events.</summary>
    public long OverEvents => _events.Sum;

    /// <summary>Σ e_n over events stamped in (t − τ, t], t the latest time given.</summary>
    public long OverClock => _clock.SettledSum(); // the window evicts lazily: drop what left it once, not on every read

    /// <summary>The clock window, for its overflow and out-of-order counts.</summary>
    public ref readonly ClockWindow<TimedValue> ClockWindow => ref _clock;

    /// <summary>Takes the next best bid/ask state, stamped <paramref name="timeNs"/>.</summary>
    /// <returns>True when the state differed from the previous one and produced an e_n.</returns>
    public bool Update(long timeNs, in TopOfBook book)
    {
        TopOfBook queues = OrderFlowEvent.AsQueues(book);
        if (!_hasPrevious)
        {
            _previous = queues;
            _hasPrevious = true;
            _clock.Advance(timeNs);
            return false;
        }
        if (queues == _previous)
        {
            _clock.Advance(timeNs);
            return false;
        }

        long e = OrderFlowEvent.Between(_previous, queues);
        _previous = queues;
        LastEvent = e;
        EventCount++;
        Cumulative += e;
        _events.Add(e);
        _clock.Add(timeNs, e);
        return true;
    }

    /// <summary>Writes the previous state, counters, and both windows.</summary>
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(CheckpointSection.OrderFlowImbalance, CheckpointVersion);
        writer.WriteBoolean(_hasPrevious);
        CheckpointFields.Write(ref writer, _previous);
        writer.WriteInt64(LastEvent);
        writer.WriteInt64(EventCount);
        writer.WriteInt64(Cumulative);
        _events.WriteCheckpoint(ref writer);
        _clock.WriteCheckpoint(ref writer);
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(CheckpointSection.OrderFlowImbalance, CheckpointVersion);
        _hasPrevious = reader.ReadBoolean();
        _previous = CheckpointFields.ReadTopOfBook(ref reader);
        LastEvent = reader.ReadInt64();
        EventCount = reader.ReadInt64();
        Cumulative = reader.ReadInt64();
        _events.RestoreCheckpoint(ref reader);
        _clock.RestoreCheckpoint(ref reader);
        reader.EndSection();
    }

    /// <summary>Moves the clock window to <paramref name="nowNs"/> without an event (e.g. on a trade or a timer).</summary>
    public void Advance(long nowNs) => _clock.Advance(nowNs);
}
