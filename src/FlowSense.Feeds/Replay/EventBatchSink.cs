using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// An <see cref="IMarketEventSink"/> that collects what a codec delivers into <see cref="EventBatch"/>es: give it to
/// any codec or translator, then <see cref="TakeBatch"/> when <see cref="IsFull"/> (or whenever the producer wants to
/// flush). A codec may deliver several events for one input message, so a batch can run past
/// <see cref="Capacity"/>; the array grows rather than losing or splitting the message's events. Arrays come from
/// <see cref="Pool"/>, so batches that their consumers <see cref="EventBatch.Recycle"/> are refilled without
/// allocating. Not thread-safe: one producer fills it.
/// </summary>
public sealed class EventBatchSink : IMarketEventSink
{
    private MarketEvent[] _events;
    private int _count;

    public EventBatchSink(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        Pool = new EventBatchPool(capacity);
        _events = Pool.Rent();
    }

    /// <summary>The batch size the producer aims for.</summary>
    public int Capacity { get; }

    /// <summary>Where recycled batch arrays come back to.</summary>
    public EventBatchPool Pool { get; }

    /// <summary>Events collected since the last batch was taken.</summary>
    public int Count => _count;

    public bool IsFull => _count >= Capacity;

    /// <summary>The events collected so far (valid until the next take).</summary>
    public ReadOnlySpan<MarketEvent> Pending => _events.AsSpan(0, _count);

    public void OnTrade(in Trade trade) => Add(MarketEvent.From(trade));

    public void OnQuote(in Quote quote) => Add(MarketEvent.From(quote));

    public void OnBookDelta(in BookDelta delta) => Add(MarketEvent.From(delta));

    public void OnOrder(in OrderEvent order) => Add(MarketEvent.From(order));

    public void OnStatus(in StatusEvent status) => Add(MarketEvent.From(status));

    public void Add(in MarketEvent e)
    {
        if (_count == _events.Length)
            Array.Resize(ref _events, _events.Length * 2);
        _events[_count++] = e;
    }

    /// <summary>Every collected event as a batch, and a fresh array for the next one; null when nothing is pending.</summary>
    public EventBatch? TakeBatch() => TakeFirst(_count);

    /// <summary>
    /// The first <paramref name="count"/> collected events as a batch; the rest stay pending, in order. Paced replay
    /// uses this to emit what is due now and hold back an event recorded later.
    /// </summary>
    public EventBatch? TakeFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _count);
        if (count == 0)
            return null;
        var taken = _events;
        int rest = _count - count;
        _events = rest <= Capacity ? Pool.Rent() : new MarketEvent[rest];
        taken.AsSpan(count, rest).CopyTo(_events);
        _count = rest;
        return new EventBatch(taken, count, Pool);
    }
}
