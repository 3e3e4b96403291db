using System.Threading.Channels;
using FlowSense.Actors.Persistence.Journal;

namespace FlowSense.Actors.Persistence.Batching;

/// <summary>
/// Coalesces writes from many concurrent callers into few round trips: callers queue their writes on a bounded
/// channel, and a single writer loop drains whatever has queued up into one call of the inner journal (one
/// transaction). Each caller's task completes only after the commit that holds its writes, with its own
/// rejections; if the batch fails as a whole, every caller in it sees that failure. Up to
/// <see cref="BatchingJournalOptions.MaxConcurrentBatches"/> batches commit at once (one can wait for its commit's
/// flush while the next is sent); while all are busy the next one accumulates, so the batch size adapts to the
/// load without any timer. Concurrent batches cannot reorder one stream's events: a persistent actor has one write
/// in flight, and the journal's per-stream locks and sequence checks judge anything else.
/// Reads and deletes go straight to the inner journal.
/// </summary>
public sealed class BatchingJournal : IJournal, IAsyncDisposable
{
    private readonly IJournal _inner;
    private readonly int _maxBatchEvents;
    private readonly Channel<PendingWrite> _queue;
    private readonly SemaphoreSlim _commitSlots;
    private readonly int _maxConcurrentBatches;
    private readonly Task _writerLoop;
    private long _batchesWritten;

    /// <summary>Starts the writer loop.</summary>
    public BatchingJournal(IJournal inner, BatchingJournalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        options ??= new BatchingJournalOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentBatches, 1);
        _inner = inner;
        _maxConcurrentBatches = options.MaxConcurrentBatches;
        _commitSlots = new SemaphoreSlim(options.MaxConcurrentBatches);
        _maxBatchEvents = options.MaxBatchEvents;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Number of inner writes (transactions) so far: with batching, far fewer than calls to <see cref="WriteAsync"/>.</summary>
    public long BatchesWritten => Interlocked.Read(ref _batchesWritten);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
            return [];
        var pending = new PendingWrite(writes);
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(BatchingJournal), "The batching journal is shut down; the write was not stored.");
        }

        // Cancellation is not honoured once queued: the write may already be in a transaction, and the caller
        // must learn whether it committed.
        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, Action<ReplayedEvent> onEvent, CancellationToken cancellationToken = default) =>
        _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, onEvent, cancellationToken);

    /// <inheritdoc />
    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _inner.HighestSequenceNrAsync(persistenceId, cancellationToken);

    /// <inheritdoc />
    public Task DeleteToAsync(string persistenceId, long toSequenceNr, long epoch, CancellationToken cancellationToken = default) =>
        _inner.DeleteToAsync(persistenceId, toSequenceNr, epoch, cancellationToken);

    /// <summary>Stops accepting writes, lets the queued ones commit, and waits for the writer loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        _commitSlots.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        ChannelReader<PendingWrite> reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Wait for a free commit slot before draining: meanwhile the queue keeps filling the next batch.
            await _commitSlots.WaitAsync().ConfigureAwait(false);
            var batch = new List<PendingWrite>();
            int events = 0;
            while (events < _maxBatchEvents && reader.TryRead(out PendingWrite? pending))
            {
                batch.Add(pending);
                for (int i = 0; i < pending.Writes.Count; i++)
                    events += pending.Writes[i].Events.Count;
            }

            _ = CommitBatchAsync(batch); // never throws: failures go to the batch's callers; it frees its slot
        }

        for (int i = 0; i < _maxConcurrentBatches; i++)
            await _commitSlots.WaitAsync().ConfigureAwait(false); // every batch in flight has finished
    }

    private async Task CommitBatchAsync(List<PendingWrite> batch)
    {
        try
        {
            await CommitAsync(batch).ConfigureAwait(false);
        }
        finally
        {
            _commitSlots.Release();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        IReadOnlyList<AtomicWrite> writes;
        if (batch.Count == 1)
        {
            writes = batch[0].Writes;
        }
        else
        {
            var combined = new List<AtomicWrite>(batch.Count);
            foreach (PendingWrite pending in batch)
                combined.AddRange(pending.Writes);
            writes = combined;
        }

        IReadOnlyList<Exception?> results;
        try
        {
            results = await _inner.WriteAsync(writes).ConfigureAwait(false);
            Interlocked.Increment(ref _batchesWritten);
        }
#pragma warning disable CA1031 // Any failure of the inner journal belongs to the callers, not to the loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (PendingWrite pending in batch)
                pending.Completion.TrySetException(ex);
            return;
        }

        if (results.Count != writes.Count)
        {
            var broken = new InvalidOperationException(
                $"The inner journal returned {results.Count} results for {writes.Count} writes; none can be trusted.");
            foreach (PendingWrite pending in batch)
                pending.Completion.TrySetException(broken);
            return;
        }

        int offset = 0;
        foreach (PendingWrite pending in batch)
        {
            int count = pending.Writes.Count;
            if (batch.Count == 1)
            {
                pending.Completion.TrySetResult(results);
            }
            else
            {
                var own = new Exception?[count];
                for (int i = 0; i < count; i++)
                    own[i] = results[offset + i];
                pending.Completion.TrySetResult(own);
            }

            offset += count;
        }
    }

    private sealed class PendingWrite(IReadOnlyList<AtomicWrite> writes)
    {
        public IReadOnlyList<AtomicWrite> Writes { get; } = writes;

        // RunContinuationsAsynchronously: callers' continuations must not run on (and stall) the writer loop.
        public TaskCompletionSource<IReadOnlyList<Exception?>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
