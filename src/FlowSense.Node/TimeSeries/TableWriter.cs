using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Node.TimeSeries;

/// <summary>One table's sink as the node's series writer drives it (see <see cref="TableWriter{TRow}"/>).</summary>
internal interface ITableWriter : IAsyncDisposable
{
    /// <summary>The table's name.</summary>
    string Table { get; }

    /// <summary>The sink's counts (buffered includes rows parked for room), with rows lost to a closed sink counted as dropped.</summary>
    SinkCounters Counters { get; }

    /// <summary>Completes once every row parked before the call is in the sink's buffer.</summary>
    Task WaitForParkedAsync();

    /// <summary>Completes once every row offered before the call is committed.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A <see cref="TimeSeriesSink{TRow}"/> behind a non-blocking offer. With back-pressure, a row that finds the sink's
/// buffer full is parked as the channel's pending write (the channel keeps pending writes in order and moves each into
/// the buffer as room appears), and the offer says "wait"; the producer then waits for <see cref="WaitForParkedAsync"/>.
/// Parked rows are at most what the producers offered before they noticed, one slice each: bounded. With drop, a
/// full buffer drops the row and the sink counts it. Steady state (room in the buffer) allocates nothing.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
internal sealed class TableWriter<TRow> : ITableWriter
{
    private readonly TimeSeriesSink<TRow> _sink;
    private readonly bool _drops;
    private readonly Lock _gate = new();
    private readonly List<Task> _parked = [];
    private Task _flushing = Task.CompletedTask; // the flush running now
    private Task? _nextFlush;                     // the one that starts after it, shared by every caller meanwhile
    private long _lostAfterClose;

    public TableWriter(string table, TimeSeriesSink<TRow> sink, bool dropsWhenFull)
    {
        Table = table;
        _sink = sink;
        _drops = dropsWhenFull;
    }

    public string Table { get; }

    public SinkCounters Counters
    {
        get
        {
            SinkCounters c = _sink.Counters;
            return c with { Dropped = c.Dropped + Interlocked.Read(ref _lostAfterClose) };
        }
    }

    /// <summary>Offers a row; false when it was parked and the producer must wait (see the class remarks).</summary>
    public bool TryWrite(in TRow row)
    {
        if (_drops)
        {
            _sink.TryWrite(row); // a full buffer drops it, counted by the sink
            return true;
        }
        ValueTask write = _sink.WriteAsync(row);
        if (write.IsCompletedSuccessfully)
            return true;
        if (write.IsFaulted || write.IsCanceled)
        {
            // Only after the sink was closed (the node is past its drain): nothing can take the row any more.
            Interlocked.Increment(ref _lostAfterClose);
            return true;
        }
        Task parked = write.AsTask().ContinueWith(
            static (t, state) =>
            {
                if (!t.IsCompletedSuccessfully)
                    Interlocked.Increment(ref ((TableWriter<TRow>)state!)._lostAfterClose);
            },
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        lock (_gate)
            _parked.Add(parked);
        return false;
    }

    public Task WaitForParkedAsync()
    {
        lock (_gate)
        {
            _parked.RemoveAll(static t => t.IsCompleted);
            return _parked.Count == 0 ? Task.CompletedTask : Task.WhenAll([.. _parked]);
        }
    }

    /// <summary>
    /// Group flush: every symbol flushes before each snapshot, and each flush makes the sink load a batch at once, so
    /// with many symbols separate flushes would shrink batches to a few rows. A flush running now started before this
    /// call and does not cover it; callers arriving meanwhile share the next one, so at most one runs and one waits.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _nextFlush ??= FlushAfterAsync(_flushing);
            return _nextFlush.WaitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _sink.DisposeAsync();

    private async Task FlushAfterAsync(Task running)
    {
        // Always yields, so this runs after the caller has stored the task as _nextFlush.
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        lock (_gate)
        {
            _flushing = _nextFlush!;
            _nextFlush = null;
        }
        await WaitForParkedAsync().ConfigureAwait(false);
        await _sink.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
