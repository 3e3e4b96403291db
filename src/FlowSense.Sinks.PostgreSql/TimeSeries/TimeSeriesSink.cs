using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// Streams rows of one type into a day-partitioned table, in three stages joined by bounded channels:
/// <list type="number">
/// <item>a buffer of <see cref="TimeSeriesSinkOptions.Capacity"/> rows in front (full: <see cref="WriteAsync"/>
/// waits, <see cref="TryWrite"/> drops and counts);</item>
/// <item>an encoder that turns up to <see cref="TimeSeriesSinkOptions.BatchSize"/> rows (or whatever arrived within
/// <see cref="TimeSeriesSinkOptions.FlushInterval"/>, or before a <see cref="FlushAsync"/>) into binary COPY bytes,
/// straight from the row structs into a reused buffer;</item>
/// <item>a loader that loads each encoded batch in one transaction (<see cref="BatchLoader{TRow}"/>): new rows by
/// COPY into their day partition, replayed rows merged on their natural key and counted as duplicates.</item>
/// </list>
/// Two batches circulate between encoder and loader, so one is encoded while the other loads, and neither stage
/// allocates per row.
/// <para>
/// <b>Outages.</b> A batch that fails to load is retried with capped exponential back-off, by default until it
/// loads (loads are idempotent, so a retry never stores a row twice). Meanwhile the buffer keeps accepting rows up to
/// its bound, then back-pressure takes over. The outage shows in <see cref="Counters"/> and is logged once when it
/// begins and once when it ends.
/// </para>
/// Nothing vanishes silently: every row offered is inserted, a duplicate, dropped or failed, and counted in
/// <see cref="Counters"/>.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class TimeSeriesSink<TRow> : IAsyncDisposable
{
    private const int BatchesInFlight = 2; // one encoding, one loading

    private readonly ITimeSeriesTable<TRow> _table;
    private readonly TimeSeriesSinkOptions _options;
    private readonly RetryPolicy _retry;
    private readonly IBatchLoader _loader;
    private readonly SinkOutage _outage;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<SinkEntry<TRow>> _entries;
    private readonly Channel<EncodedBatch> _encoded;
    private readonly Channel<EncodedBatch> _empty;
    private readonly CancellationTokenSource _abandon = new(); // cancelled when closing gives up on an outage
    private readonly Task _encoding;
    private readonly Task _loading;

    // _accepted counts a row before it enters the buffer (and is decremented if it did not), so it never lags the
    // rows really in there: Buffered and the flush fast path may overestimate what is pending, never miss it.
    private long _accepted, _inserted, _duplicates, _dropped, _failed, _batches, _abandoned;
    private Exception? _lastError;

    /// <summary>Starts the encoder and the loader. The table's parent must exist (migrations 0003, 0004).</summary>
    /// <param name="dataSource">Connections to the database; the loader holds one of them.</param>
    /// <param name="table">The table the rows go to.</param>
    /// <param name="options">Limits; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where outages and lost rows are reported; nowhere when <see langword="null"/>.</param>
    public TimeSeriesSink(NpgsqlDataSource dataSource, ITimeSeriesTable<TRow> table, TimeSeriesSinkOptions? options = null, ILogger? logger = null)
        : this(table, options, logger, TimeProvider.System, DescribeDatabase(dataSource),
            batchSize => new BatchLoader<TRow>(dataSource, table, batchSize))
    {
    }

    /// <summary>The sink over any loader and clock (tests script both).</summary>
    internal TimeSeriesSink(
        ITimeSeriesTable<TRow> table,
        TimeSeriesSinkOptions? options,
        ILogger? logger,
        TimeProvider time,
        string database,
        Func<int, IBatchLoader> createLoader)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TimeSeriesSinkOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        _retry = new RetryPolicy(options);
        _table = table;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _outage = new SinkOutage(table.Name, database, time, _logger);
        _entries = Channel.CreateBounded<SinkEntry<TRow>>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _encoded = Channel.CreateBounded<EncodedBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        _empty = Channel.CreateBounded<EncodedBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        for (int i = 0; i < BatchesInFlight; i++)
            _empty.Writer.TryWrite(new EncodedBatch(options.BatchSize, table.Columns.Count));
        _loader = createLoader(options.BatchSize);
        _encoding = Task.Run(EncodeLoopAsync);
        _loading = Task.Run(LoadLoopAsync);
    }

    /// <summary>Raised after each batch, loaded or failed, with the counters then (for metrics and tests).</summary>
    public event Action<SinkCounters>? BatchCompleted;

    /// <summary>A consistent-enough snapshot of the counts (each is read atomically).</summary>
    public SinkCounters Counters
    {
        get
        {
            // Settled counts first: a row settled after these reads is still counted buffered, never negative.
            long inserted = Interlocked.Read(ref _inserted), duplicates = Interlocked.Read(ref _duplicates), failed = Interlocked.Read(ref _failed);
            long buffered = Math.Max(0, Interlocked.Read(ref _accepted) - inserted - duplicates - failed);
            return new SinkCounters(inserted, duplicates, Interlocked.Read(ref _dropped), failed, Interlocked.Read(ref _batches),
                Volatile.Read(ref _lastError), buffered, _outage.Count, _outage.Since);
        }
    }

    /// <summary>Offers a row without waiting; when the buffer is full (or the sink is shut down) the row is dropped and counted.</summary>
    public bool TryWrite(TRow row)
    {
        Interlocked.Increment(ref _accepted);
        if (_entries.Writer.TryWrite(SinkEntry<TRow>.ForRow(row)))
            return true;
        Interlocked.Decrement(ref _accepted);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Offers a row, waiting for room when the buffer is full: back-pressure on the producer.</summary>
    /// <exception cref="ChannelClosedException">The sink is closed.</exception>
    public ValueTask WriteAsync(TRow row, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _accepted);
        if (_entries.Writer.TryWrite(SinkEntry<TRow>.ForRow(row)))
            return ValueTask.CompletedTask;
        return WaitAndWriteAsync(row, cancellationToken);
    }

    /// <summary>
    /// Waits until the buffer has room (<see langword="true"/>) or the sink is closed (<see langword="false"/>), like
    /// <see cref="ChannelWriter{T}.WaitToWriteAsync"/>; another writer may take the room first.
    /// </summary>
    public ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
        _entries.Writer.WaitToWriteAsync(cancellationToken);

    /// <summary>
    /// Completes once every row offered before the call is settled: stored, a duplicate, or counted failed. Free when
    /// nothing is pending; otherwise the batch being filled is loaded at once instead of at its size or interval.
    /// During an outage it waits for the database (or for the sink to be closed).
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (NothingPending())
            return Task.CompletedTask;
        return FlushPendingAsync(cancellationToken);
    }

    /// <summary>
    /// Stops accepting rows and stores what is buffered. If <paramref name="cancellationToken"/> fires first (a
    /// database still down), retrying stops and the rows left are counted failed and logged; the returned task then
    /// completes promptly rather than throwing.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        _entries.Writer.TryComplete();
        try
        {
            await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            await _loading.ConfigureAwait(false);
        }

        await _encoding.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops accepting rows, stores what is buffered (giving up after <see cref="TimeSeriesSinkOptions.ShutdownTimeout"/>,
    /// counting the rows left failed) and closes the connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(_options.ShutdownTimeout, _time))
            await CompleteAsync(timeout.Token).ConfigureAwait(false);
        await _loader.DisposeAsync().ConfigureAwait(false);
        _abandon.Dispose();
    }

    private static string DescribeDatabase(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{settings.Host}:{settings.Port}/{settings.Database}"; // never the password
    }

    private async ValueTask WaitAndWriteAsync(TRow row, CancellationToken cancellationToken)
    {
        // Not counted while it waits: Buffered holds rows inside the sink, not rows queued at its door.
        Interlocked.Decrement(ref _accepted);
        while (await _entries.Writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _accepted);
            if (_entries.Writer.TryWrite(SinkEntry<TRow>.ForRow(row)))
                return;
            Interlocked.Decrement(ref _accepted); // another writer took the room
        }

        throw new ChannelClosedException("The sink is closed.");
    }

    private bool NothingPending()
    {
        // Settled first: every row counted settled was counted accepted before, so equality means nothing is pending.
        long settled = Interlocked.Read(ref _inserted) + Interlocked.Read(ref _duplicates) + Interlocked.Read(ref _failed);
        return Interlocked.Read(ref _accepted) == settled;
    }

    private async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _entries.Writer.WriteAsync(SinkEntry<TRow>.ForFlush(flushed), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Closing: the loader settles every buffered row before it ends.
            await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EncodeLoopAsync()
    {
        ChannelReader<SinkEntry<TRow>> reader = _entries.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                EncodedBatch batch = await _empty.Reader.ReadAsync().ConfigureAwait(false);
                await FillAsync(reader, batch).ConfigureAwait(false);
                await _encoded.Writer.WriteAsync(batch).ConfigureAwait(false);
            }
        }
        finally
        {
            _encoded.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Encodes rows until the batch is full, the flush interval since its first row has passed, a flush marker
    /// arrives, or the buffer is completed.
    /// </summary>
    private async Task FillAsync(ChannelReader<SinkEntry<TRow>> reader, EncodedBatch batch)
    {
        using var window = new CancellationTokenSource(_options.FlushInterval, _time);
        while (!batch.IsFull)
        {
            if (reader.TryRead(out SinkEntry<TRow> entry))
            {
                if (entry.Flush is not null)
                {
                    batch.AddFlush(entry.Flush);
                    return; // load now what came before the flush
                }

                try
                {
                    batch.Add(_table, entry.Row);
                }
#pragma warning disable CA1031 // a row the table cannot encode (bad input) is counted, not allowed to stop the sink
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Volatile.Write(ref _lastError, ex);
                    Interlocked.Increment(ref _failed);
                }

                continue;
            }

            try
            {
                if (!await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                    return; // completed: load what we have
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested)
            {
                return; // the flush interval is over
            }
        }
    }

    private async Task LoadLoopAsync()
    {
        await foreach (EncodedBatch batch in _encoded.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (batch.Count > 0)
                await LoadWithRetriesAsync(batch).ConfigureAwait(false);
            batch.ReleaseFlushes();
            batch.Clear();
            _empty.Writer.TryWrite(batch);
        }

        if (Interlocked.Read(ref _abandoned) is long abandoned and > 0)
            SinkLog.RowsAbandoned(_logger, _table.Name, abandoned);
    }

    private async Task LoadWithRetriesAsync(EncodedBatch batch)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (_abandon.IsCancellationRequested)
            {
                Abandon(batch);
                break;
            }

            try
            {
                int inserted = await _loader.LoadAsync(batch, _abandon.Token).ConfigureAwait(false);
                if (_outage.Since is not null)
                    _outage.End(rowsHeld: Counters.Buffered); // before this batch's rows count as stored
                Interlocked.Add(ref _inserted, inserted);
                Interlocked.Add(ref _duplicates, batch.Count - inserted);
                Interlocked.Increment(ref _batches);
                break;
            }
            catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
            {
                await _loader.ResetConnectionAsync().ConfigureAwait(false);
                Abandon(batch);
                break;
            }
#pragma warning disable CA1031 // a failed load is counted and retried; the loader must keep running
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _lastError, ex);
                await _loader.ResetConnectionAsync().ConfigureAwait(false); // the connection may be broken: start afresh
                if (RetryPolicy.IsConnectionFailure(ex))
                    _outage.Begin(ex, _options);
                if (!_retry.ShouldRetry(attempt, ex))
                {
                    Interlocked.Add(ref _failed, batch.Count);
                    SinkLog.BatchFailed(_logger, ex, _table.Name, batch.Count, attempt);
                    break;
                }

                try
                {
                    await Task.Delay(_retry.DelayAfter(attempt), _time, _abandon.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Abandon(batch);
                    break;
                }
            }
        }

        BatchCompleted?.Invoke(Counters);
    }

    /// <summary>Counts the rows of a batch the sink gave up on while closing.</summary>
    private void Abandon(EncodedBatch batch)
    {
        Interlocked.Add(ref _abandoned, batch.Count);
        Interlocked.Add(ref _failed, batch.Count);
    }
}
