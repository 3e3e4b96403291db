using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// Consecutive market events that travel through a stream as one element (one message, one acknowledgement),
/// in the order the source produced them. The batch is never written after it is emitted, so downstream stages and
/// actors may keep it.
/// </summary>
/// <remarks>
/// Ownership: the batch owns its array. A consumer that knows it is the batch's <em>last</em> holder (it copied or
/// applied the events and nobody else received the batch) may call <see cref="Recycle"/> to give the array back to
/// the producer's <see cref="EventBatchPool"/>; that is what keeps a replay at no allocation per event. Recycling is
/// opt-in and one-way: after it, this batch object refuses every read (<see cref="ObjectDisposedException"/>), so a
/// holder that was wrong about being last fails loudly instead of reading another batch's events. A consumer that
/// never recycles is always safe; the producer then allocates a fresh array per batch.
/// </remarks>
public sealed class EventBatch
{
    private MarketEvent[]? _events;
    private readonly EventBatchPool? _pool;
    private readonly int _count;

    /// <summary>Wraps the first <paramref name="count"/> events of <paramref name="events"/>; the batch takes ownership of the array.</summary>
    public EventBatch(MarketEvent[] events, int count)
        : this(events, count, pool: null)
    {
    }

    /// <summary>As <see cref="EventBatch(MarketEvent[], int)"/>, with the pool <see cref="Recycle"/> returns the array to.</summary>
    public EventBatch(MarketEvent[] events, int count, EventBatchPool? pool)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, events.Length);
        _events = events;
        _count = count;
        _pool = pool;
    }

    /// <summary>How many events the batch holds (still readable after <see cref="Recycle"/>).</summary>
    public int Count => _count;

    public ReadOnlySpan<MarketEvent> Events => (_events ?? throw Recycled()).AsSpan(0, _count);

    /// <summary>True once <see cref="Recycle"/> has handed the array back.</summary>
    public bool IsRecycled => Volatile.Read(ref _events) is null;

    public ref readonly MarketEvent this[int index]
    {
        get
        {
            var events = _events ?? throw Recycled();
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return ref events[index];
        }
    }

    /// <summary>Hands every event, in order, to <paramref name="sink"/>.</summary>
    public void DispatchTo(IMarketEventSink sink)
    {
        foreach (ref readonly var e in Events)
            e.DispatchTo(sink);
    }

    /// <summary>
    /// Gives the array back to the producer for its next batch. Call it only as the batch's last holder, when done
    /// with the events; later reads of this batch throw. Calling it again, or on a batch without a pool, does nothing harmful.
    /// </summary>
    public void Recycle()
    {
        var events = Interlocked.Exchange(ref _events, null);
        if (events is not null)
            _pool?.Return(events);
    }

    public override string ToString() => _events is null ? "EventBatch(recycled)" : $"EventBatch({_count})";

    private static ObjectDisposedException Recycled() => new(nameof(EventBatch), "The batch was recycled: its events now belong to a later batch.");
}
