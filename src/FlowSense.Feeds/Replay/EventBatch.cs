using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// Consecutive market events that travel through a stream as one element (one message, one acknowledgement),
/// in the order the source produced them. The batch owns its array and is never written after it is emitted, so
/// downstream stages and actors may keep it. It is deliberately not pooled: a batch crosses threads and may be held
/// by any number of consumers, and a pool would need a return protocol that no stage here can enforce.
/// </summary>
public sealed class EventBatch
{
    private readonly MarketEvent[] _events;

    /// <summary>Wraps the first <paramref name="count"/> events of <paramref name="events"/>; the batch takes ownership of the array.</summary>
    public EventBatch(MarketEvent[] events, int count)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, events.Length);
        _events = events;
        Count = count;
    }

    public int Count { get; }

    public ReadOnlySpan<MarketEvent> Events => _events.AsSpan(0, Count);

    public ref readonly MarketEvent this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _events[index];
        }
    }

    /// <summary>Hands every event, in order, to <paramref name="sink"/>.</summary>
    public void DispatchTo(IMarketEventSink sink)
    {
        foreach (ref readonly var e in Events)
            e.DispatchTo(sink);
    }

    public override string ToString() => $"EventBatch({Count})";
}
