using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// Streams rows of one type into a day-partitioned table: a bounded buffer in front, and one loader that takes
/// batches of <see cref="TimeSeriesSinkOptions.BatchSize"/> rows (or whatever arrived within
/// <see cref="TimeSeriesSinkOptions.FlushInterval"/>) and loads each in one transaction:
/// <list type="number">
/// <item>create the partitions of any new day in the batch;</item>
/// <item>binary COPY into a session-local staging table (<c>ON COMMIT DELETE ROWS</c>);</item>
/// <item><c>INSERT INTO table SELECT ... FROM staging ON CONFLICT DO NOTHING</c>, so rows whose natural key is
/// already stored (a replay, or a retried batch) are skipped and counted as duplicates instead of failing the batch.</item>
/// </list>
/// Nothing vanishes silently: every row offered is inserted, a duplicate, dropped (buffer full on
/// <see cref="TryWrite"/>) or failed (after <see cref="TimeSeriesSinkOptions.MaxAttempts"/>), and counted in
/// <see cref="Counters"/>.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class TimeSeriesSink<TRow> : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ITimeSeriesTable<TRow> _table;
    private readonly TimeSeriesSinkOptions _options;
    private readonly Channel<TRow> _buffer;
    private readonly Task _loader;
    private readonly HashSet<DateOnly> _knownDays = [];
    private readonly HashSet<DateOnly> _newDays = [];
    private readonly string _columns;
    private readonly string _staging;

    private NpgsqlConnection? _connection;
    private long _inserted, _duplicates, _dropped, _failed, _batches;
    private Exception? _lastError;

    /// <summary>Starts the loader. The table's parent must exist (migration 0003).</summary>
    public TimeSeriesSink(NpgsqlDataSource dataSource, ITimeSeriesTable<TRow> table, TimeSeriesSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TimeSeriesSinkOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _dataSource = dataSource;
        _table = table;
        _options = options;
        _columns = string.Join(", ", table.Columns);
        _staging = $"{table.Name}_staging";
        _buffer = Channel.CreateBounded<TRow>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loader = Task.Run(LoadLoopAsync);
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
        if (_buffer.Writer.TryWrite(row))
            return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Offers a row, waiting for room when the buffer is full: back-pressure on the producer.</summary>
    public ValueTask WriteAsync(TRow row, CancellationToken cancellationToken = default) =>
        _buffer.Writer.WriteAsync(row, cancellationToken);

    /// <summary>Stops accepting rows, loads what is buffered and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _buffer.Writer.TryComplete();
        await _loader.ConfigureAwait(false);
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task LoadLoopAsync()
    {
        ChannelReader<TRow> reader = _buffer.Reader;
        var batch = new TRow[_options.BatchSize];
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            int count = 0;
            using (var window = new CancellationTokenSource(_options.FlushInterval))
            {
                while (count < batch.Length)
                {
                    if (reader.TryRead(out TRow? row))
                    {
                        batch[count++] = row;
                        continue;
                    }

                    try
                    {
                        if (!await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                            break; // completed: load what we have
                    }
                    catch (OperationCanceledException) when (window.IsCancellationRequested)
                    {
                        break; // the flush interval is over
                    }
                }
            }

            await LoadWithRetriesAsync(batch, count).ConfigureAwait(false);
            if (RuntimeHelpers.IsReferenceOrContainsReferences<TRow>())
                Array.Clear(batch, 0, count);
        }
    }

    private async Task LoadWithRetriesAsync(TRow[] batch, int count)
    {
        TimeSpan delay = _options.RetryDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                long inserted = await LoadAsync(batch, count).ConfigureAwait(false);
                Interlocked.Add(ref _inserted, inserted);
                Interlocked.Add(ref _duplicates, count - inserted);
                Interlocked.Increment(ref _batches);
                break;
            }
#pragma warning disable CA1031 // a failed load is counted and retried; the loader must keep running
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _lastError, ex);
                await DropConnectionAsync().ConfigureAwait(false);
                if (attempt >= _options.MaxAttempts)
                {
                    Interlocked.Add(ref _failed, count);
                    break;
                }

                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
        }

        BatchCompleted?.Invoke(Counters);
    }

    /// <returns>Rows inserted; the rest of the batch were duplicates.</returns>
    private async Task<long> LoadAsync(TRow[] batch, int count)
    {
        if (_connection is null)
        {
            _connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using var staging = new NpgsqlCommand(
                $"CREATE TEMP TABLE IF NOT EXISTS {_staging} (LIKE {_table.Name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", _connection);
            await staging.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        _newDays.Clear();
        for (int i = 0; i < count; i++)
        {
            DateOnly day = DayPartitions.DayOf(_table.TimeNsOf(in batch[i]));
            if (!_knownDays.Contains(day))
                _newDays.Add(day);
        }

        if (_newDays.Count > 0)
        {
            await DayPartitions.EnsureAsync(_connection, _table.Name, _newDays, CancellationToken.None).ConfigureAwait(false);
            _knownDays.UnionWith(_newDays);
        }

        await using NpgsqlTransaction transaction = await _connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (NpgsqlBinaryImporter importer = await _connection.BeginBinaryImportAsync(
            $"COPY {_staging} ({_columns}) FROM STDIN (FORMAT BINARY)").ConfigureAwait(false))
        {
            for (int i = 0; i < count; i++)
            {
                importer.StartRow();
                _table.WriteRow(importer, in batch[i]);
            }

            await importer.CompleteAsync().ConfigureAwait(false);
        }

        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {_table.Name} ({_columns}) SELECT {_columns} FROM {_staging} ON CONFLICT DO NOTHING", _connection, transaction);
        int inserted = await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return inserted;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is null)
            return;
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a broken connection may fail to close; it is discarded either way
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _connection = null;
    }
}
