using System.Threading.Channels;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// Turns what a connector decodes (it writes into any <see cref="IMarketEventSink"/>) into a
/// <see cref="Source{T}"/> of <see cref="EventBatch"/>es for <see cref="IngestionPipeline"/>. Events are batched up to
/// <see cref="BatchSize"/>, and a partial batch goes out after <see cref="MaxDelay"/> so a quiet feed is not held back.
/// Bounded: at most <see cref="Capacity"/> batches wait; beyond that the connector's thread blocks in the sink call,
/// which is how a connector is slowed (it stops reading its socket).
/// </summary>
public sealed class LiveFeed : IMarketEventSink, IDisposable
{
    private readonly Lock _gate = new();
    private readonly EventBatchSink _pending;
    private readonly Channel<EventBatch> _batches;
    private readonly ITimer _flush;
    private readonly CancellationTokenSource _disposed = new();
    private bool _completed;

    public LiveFeed(int batchSize = 256, int capacity = 16, TimeSpan? maxDelay = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        BatchSize = batchSize;
        Capacity = capacity;
        MaxDelay = maxDelay ?? TimeSpan.FromMilliseconds(10);
        _pending = new EventBatchSink(batchSize);
        _batches = Channel.CreateBounded<EventBatch>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _flush = (time ?? TimeProvider.System).CreateTimer(_ => FlushIfFree(), null, MaxDelay, MaxDelay);
        Source = Actors.Streams.Source.FromChannel(_batches.Reader);
    }

    public int BatchSize { get; }

    public int Capacity { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>The batches, in the order the connector delivered their events; completes after <see cref="Complete"/>.</summary>
    public Source<EventBatch> Source { get; }

    /// <summary>Events accepted after <see cref="Complete"/>, which have nowhere to go (counted, not thrown).</summary>
    public long LateEvents { get; private set; }

    /// <summary>Events of batches that were waiting for room when the feed was disposed (counted, not thrown).</summary>
    public long DroppedAtDispose { get; private set; }

    public void OnTrade(in Trade trade) => Add(MarketEvent.From(trade));

    public void OnQuote(in Quote quote) => Add(MarketEvent.From(quote));

    public void OnBookDelta(in BookDelta delta) => Add(MarketEvent.From(delta));

    public void OnOrder(in OrderEvent order) => Add(MarketEvent.From(order));

    public void OnStatus(in StatusEvent status) => Add(MarketEvent.From(status));

    /// <summary>Sends what is pending now.</summary>
    public void Flush()
    {
        lock (_gate)
            FlushLocked();
    }

    /// <summary>
    /// The timer's flush: never waits. While a connector thread holds the gate blocked on a full feed, a waiting timer
    /// callback would take a thread-pool thread every tick, until no thread was left for ingestion to drain the feed.
    /// </summary>
    private void FlushIfFree()
    {
        if (!_gate.TryEnter())
            return;
        try
        {
            if (_batches.Reader.Count < Capacity)
                FlushLocked();
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Sends what is pending and ends the source.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
                return;
            FlushLocked();
            _completed = true;
            _batches.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Stops the timer, ends the source, and releases a writer blocked on a full feed whose reader is gone (its batch
    /// is counted in <see cref="DroppedAtDispose"/>), so disposing never waits for a reader that will not come back.
    /// </summary>
    public void Dispose()
    {
        _flush.Dispose();
        _disposed.Cancel();
        Complete();
        _disposed.Dispose();
    }

    private void Add(in MarketEvent e)
    {
        lock (_gate)
        {
            if (_completed)
            {
                LateEvents++;
                return;
            }
            _pending.Add(e);
            if (_pending.IsFull)
                FlushLocked();
        }
    }

    private void FlushLocked()
    {
        if (_completed || _pending.TakeBatch() is not { } batch)
            return;
        if (_batches.Writer.TryWrite(batch))
            return;
        // Full: block this (connector or timer) thread until ingestion takes a batch. Holding the gate keeps the order.
        try
        {
            _batches.Writer.WriteAsync(batch, _disposed.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            DroppedAtDispose += batch.Count;
        }
    }
}
