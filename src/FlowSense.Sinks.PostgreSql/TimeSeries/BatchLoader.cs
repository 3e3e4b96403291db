using FlowSense.Actors.Persistence.PostgreSql.BinaryCopy;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// Loads encoded batches of one table, each in one transaction on the loader's own connection:
/// <list type="number">
/// <item>create the partitions of any day not seen before (its own short transaction);</item>
/// <item>lock the high-water marks of the batch's series (<see cref="SeriesWatermarks"/>);</item>
/// <item>route each row: above its series' mark (the mark moving up as rows pass) it cannot be stored yet and goes
/// by binary COPY straight into its day partition; at or below the mark (a replay, or a late row) it goes into a
/// session-local staging table;</item>
/// <item>merge the staged rows with <c>INSERT ... SELECT DISTINCT ON (key) ... WHERE NOT EXISTS</c> on the natural
/// key, so rows already stored are skipped and counted as duplicates;</item>
/// <item>advance the marks and commit.</item>
/// </list>
/// Steady-state live data only takes step 3's COPY path: no unique index is checked row by row (migration 0004 says
/// why). A failure leaves nothing behind (the transaction rolls back), so a batch can be loaded again as it is.
/// </summary>
internal sealed class BatchLoader<TRow> : IBatchLoader
{
    private const int Staged = -1; // route of a row at or below its mark
    private const int AnyDay = -2; // COPY target of every row above its mark: the parent table routes them
    private const int MaxDirectDays = 4; // a batch of more days (daily bars) is routed by the server instead

    private readonly NpgsqlDataSource _dataSource;
    private readonly ITimeSeriesTable<TRow> _table;
    private readonly string _columns;
    private readonly string _staging;
    private readonly string _mergeSql;
    private readonly Dictionary<long, string> _partitionOfDay = []; // day number since the epoch -> partition, for days known to exist
    private readonly List<long> _batchDays = [];
    private readonly List<long> _newDays = [];
    private readonly int[] _routes; // per row: Staged, or the index of its day in _batchDays
    private SeriesPosition[] _marks = new SeriesPosition[64];
    private bool[] _advanced = new bool[64];
    private NpgsqlConnection? _connection;

    public BatchLoader(NpgsqlDataSource dataSource, ITimeSeriesTable<TRow> table, int batchSize)
    {
        _dataSource = dataSource;
        _table = table;
        _routes = new int[batchSize];
        _columns = string.Join(", ", table.Columns);
        _staging = $"{table.Name}_staging";
        string keyMatch = string.Join(" AND ", table.KeyColumns.Select(c => $"t.{c} = s.{c}"));
        _mergeSql = $"""
            INSERT INTO {table.Name} ({_columns})
            SELECT DISTINCT ON ({string.Join(", ", table.KeyColumns)}) {_columns} FROM {_staging} AS s
            WHERE NOT EXISTS (SELECT 1 FROM {table.Name} AS t WHERE {keyMatch} AND t.{table.TimeColumn} BETWEEN $1 AND $2)
            """;
    }

    /// <summary>Loads the batch in one transaction.</summary>
    /// <returns>Rows inserted; the rest of the batch were already stored (duplicates).</returns>
    public async Task<int> LoadAsync(EncodedBatch batch, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await EnsurePartitionsAsync(connection, batch, cancellationToken).ConfigureAwait(false);

        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int seriesCount = batch.Series.Count;
        if (_marks.Length < seriesCount)
        {
            _marks = new SeriesPosition[seriesCount * 2];
            _advanced = new bool[seriesCount * 2];
        }

        Array.Clear(_advanced);
        await SeriesWatermarks.LockAsync(connection, transaction, _table.Name, batch.Series, _marks, cancellationToken).ConfigureAwait(false);
        (int staged, long stagedFrom, long stagedTo) = Route(batch);

        if (_batchDays.Count > MaxDirectDays)
        {
            await CopyAsync(connection, _table.Name, batch, AnyDay, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Straight into the day's partition: the server skips routing each row.
            for (int day = 0; day < _batchDays.Count; day++)
                await CopyAsync(connection, _partitionOfDay[_batchDays[day]], batch, day, cancellationToken).ConfigureAwait(false);
        }

        int merged = 0;
        if (staged > 0)
        {
            await CopyAsync(connection, _staging, batch, Staged, cancellationToken).ConfigureAwait(false);
            await using var merge = new NpgsqlCommand(_mergeSql, connection, transaction)
            {
                Parameters = { new NpgsqlParameter<long> { TypedValue = stagedFrom }, new NpgsqlParameter<long> { TypedValue = stagedTo } },
            };
            merged = await merge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await SeriesWatermarks.AdvanceAsync(connection, transaction, _table.Name, batch.Series, _marks, _advanced, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return batch.Count - staged + merged;
    }

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync() => ResetConnectionAsync();

    /// <summary>
    /// Discards the connection (after a failure: it may be broken) and what it knew about partitions (retention may
    /// have dropped one it had seen); the next load opens a new connection and makes sure of its days again.
    /// </summary>
    public async ValueTask ResetConnectionAsync()
    {
        _partitionOfDay.Clear();
        NpgsqlConnection? connection = _connection;
        _connection = null;
        if (connection is null)
            return;
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a broken connection may fail to close; it is discarded either way
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Decides each row's route against the locked marks: the index of its day in <see cref="_batchDays"/>, or
    /// <see cref="Staged"/>. Returns the number of staged rows and their time range.
    /// </summary>
    private (int Staged, long From, long To) Route(EncodedBatch batch)
    {
        _batchDays.Clear();
        int staged = 0;
        long from = long.MaxValue, to = long.MinValue;
        long currentDay = long.MinValue;
        int currentRoute = 0;
        for (int row = 0; row < batch.Count; row++)
        {
            int series = batch.SeriesOfRow(row);
            SeriesPosition position = batch.PositionOf(row);
            if (position <= _marks[series])
            {
                _routes[row] = Staged;
                staged++;
                from = Math.Min(from, position.TimeNs);
                to = Math.Max(to, position.TimeNs);
                continue;
            }

            _marks[series] = position;
            _advanced[series] = true;
            long day = DayPartitions.EpochDayOf(position.TimeNs);
            if (day != currentDay)
            {
                currentDay = day;
                currentRoute = _batchDays.IndexOf(day); // live data: one day a batch, rarely two
                if (currentRoute < 0)
                {
                    currentRoute = _batchDays.Count;
                    _batchDays.Add(day);
                }
            }

            _routes[row] = currentRoute;
        }

        return (staged, from, to);
    }

    /// <summary>One binary COPY of the rows routed to <paramref name="route"/> (or, for <see cref="AnyDay"/>, of every row not staged), sent as runs of consecutive rows.</summary>
    private async Task CopyAsync(NpgsqlConnection connection, string target, EncodedBatch batch, int route, CancellationToken cancellationToken)
    {
        await using NpgsqlRawCopyStream copy = await connection.BeginRawBinaryCopyAsync(
            $"COPY {target} ({_columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(CopyRowWriter.Header, cancellationToken).ConfigureAwait(false);
        int row = 0;
        while (row < batch.Count)
        {
            if (!Matches(_routes[row], route))
            {
                row++;
                continue;
            }

            int end = row + 1;
            while (end < batch.Count && Matches(_routes[end], route))
                end++;
            await copy.WriteAsync(batch.Rows(row, end), cancellationToken).ConfigureAwait(false);
            row = end;
        }

        await copy.WriteAsync(CopyRowWriter.Trailer, cancellationToken).ConfigureAwait(false);
    }

    private static bool Matches(int rowRoute, int route) => rowRoute == route || (route == AnyDay && rowRoute >= 0);

    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, EncodedBatch batch, CancellationToken cancellationToken)
    {
        _newDays.Clear();
        long lastDay = long.MinValue;
        for (int row = 0; row < batch.Count; row++)
        {
            long day = DayPartitions.EpochDayOf(batch.PositionOf(row).TimeNs);
            if (day == lastDay)
                continue;
            lastDay = day;
            if (!_partitionOfDay.ContainsKey(day) && !_newDays.Contains(day))
                _newDays.Add(day);
        }

        if (_newDays.Count == 0)
            return;
        DateOnly[] days = [.. _newDays.Select(DayPartitions.DateOfEpochDay)];
        await DayPartitions.EnsureAsync(connection, _table.Name, days, cancellationToken).ConfigureAwait(false);
        foreach (long day in _newDays)
            _partitionOfDay[day] = DayPartitions.PartitionName(_table.Name, DayPartitions.DateOfEpochDay(day));
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
            return _connection;
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var staging = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {_staging} (LIKE {_table.Name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection);
        await staging.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _connection = connection;
        return connection;
    }
}
