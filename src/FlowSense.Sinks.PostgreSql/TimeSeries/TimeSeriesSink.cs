using System.Threading.Channels;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// Streams rows of one type into a day-partitioned table, in three stages joined by bounded channels:
/// <list type="number">
/// <item>a buffer of <see cref="TimeSeriesSinkOptions.Capacity"/> rows in front (full: <see cref="WriteAsync"/>
/// waits, <see cref="TryWrite"/> drops and counts);</item>
/// <item>an encoder that turns up to <see cref="TimeSeriesSinkOptions.BatchSize"/> rows (or whatever arrived within
/// <see cref="TimeSeriesSinkOptions.FlushInterval"/>) into binary COPY bytes, straight from the row structs into a
/// reused buffer;</item>
/// <item>a loader that loads each encoded batch in one transaction (<see cref="BatchLoader{TRow}"/>): new rows by
/// COPY into their day partition, replayed rows merged on their natural key and counted as duplicates.</item>
/// </list>
/// Two batches circulate between encoder and loader, so one is encoded while the other loads, and neither stage
/// allocates per row. Nothing vanishes silently: every row offered is inserted, a duplicate, dropped or failed
/// (after <see cref="TimeSeriesSinkOptions.MaxAttempts"/>), and counted in <see cref="Counters"/>.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class TimeSeriesSink<TRow> : IAsyncDisposable
{
    private const int BatchesInFlight = 2; // one encoding, one loading

    private readonly ITimeSeriesTable<TRow> _table;
    private readonly TimeSeriesSinkOptions _options;
    private readonly Channel<TRow> _rows;
    private readonly Channel<EncodedBatch> _encoded;
    private readonly Channel<EncodedBatch> _empty;
    private readonly BatchLoader<TRow> _loader;
    private readonly Task _encoding;
    private readonly Task _loading;

    private long _inserted, _duplicates, _dropped, _failed, _batches;
    private Exception? _lastError;

    /// <summary>Starts the encoder and the loader. The table's parent must exist (migrations 0003, 0004).</summary>
    public TimeSeriesSink(NpgsqlDataSource dataSource, ITimeSeriesTable<TRow> table, TimeSeriesSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TimeSeriesSinkOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _table = table;
        _options = options;
        _rows = Channel.CreateBounded<TRow>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _encoded = Channel.CreateBounded<EncodedBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        _empty = Channel.CreateBounded<EncodedBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        for (int i = 0; i < BatchesInFlight; i++)
            _empty.Writer.TryWrite(new EncodedBatch(options.BatchSize, table.Columns.Count));
        _loader = new BatchLoader<TRow>(dataSource, table, options.BatchSize);
        _encoding = Task.Run(EncodeLoopAsync);
        _loading = Task.Run(LoadLoopAsync);
    }

    /// <summary>Raised after each batch, loaded or failed, with the counters then (for metrics and tests).</summary>
    public event Action<SinkCounters>? BatchCompleted;

    /// <summary>A consistent-enough snapshot of the counts (each is read atomically).</summary>
    public SinkCounters Counters => new(
        Interlocked.Read(ref _inserted), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _failed), Interlocked.Read(ref _batches), Volatile.Read(ref _lastError));

    /// <summary>Offers a row without waiting; when the buffer is full (or the sink is shut down) the row is dropped and counted.</summary>
    public bool TryWrite(TRow row)
    {
        if (_rows.Writer.TryWrite(row))
            return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Offers a row, waiting for room when the buffer is full: back-pressure on the producer.</summary>
    public ValueTask WriteAsync(TRow row, CancellationToken cancellationToken = default) =>
        _rows.Writer.WriteAsync(row, cancellationToken);

    /// <summary>Stops accepting rows, loads what is buffered and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _rows.Writer.TryComplete();
        await _encoding.ConfigureAwait(false);
        await _loading.ConfigureAwait(false);
        await _loader.DisposeAsync().ConfigureAwait(false);
    }

    private async Task EncodeLoopAsync()
    {
        ChannelReader<TRow> reader = _rows.Reader;
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

    /// <summary>Encodes rows until the batch is full, the flush interval since its first row has passed, or the buffer is completed.</summary>
    private async Task FillAsync(ChannelReader<TRow> reader, EncodedBatch batch)
    {
        using var window = new CancellationTokenSource(_options.FlushInterval);
        while (!batch.IsFull)
        {
            if (reader.TryRead(out TRow? row))
            {
                batch.Add(_table, row);
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
            batch.Clear();
            _empty.Writer.TryWrite(batch);
        }
    }

    private async Task LoadWithRetriesAsync(EncodedBatch batch)
    {
        TimeSpan delay = _options.RetryDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                int inserted = await _loader.LoadAsync(batch, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref _inserted, inserted);
                Interlocked.Add(ref _duplicates, batch.Count - inserted);
                Interlocked.Increment(ref _batches);
                break;
            }
#pragma warning disable CA1031 // a failed load is counted and retried; the loader must keep running
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _lastError, ex);
                await _loader.ResetConnectionAsync().ConfigureAwait(false); // the connection may be broken: start afresh
                if (attempt >= _options.MaxAttempts)
                {
                    Interlocked.Add(ref _failed, batch.Count);
                    break;
                }

                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
        }

        BatchCompleted?.Invoke(Counters);
    }
}
