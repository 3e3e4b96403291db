using System.Globalization;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// Creates and drops the day partitions of the time-series tables. A day's partition of table <c>t</c> is
/// <c>t_pYYYYMMDD</c>, holding [00:00, 24:00) UTC of that day in nanoseconds. Creation happens ahead of time
/// (a maintenance call creates today and the next days) and on demand (a sink creates the days of a batch before
/// loading it), so rows never meet a missing partition. Both run under a transaction-level advisory lock, so
/// nodes doing the same at the same time do not collide.
/// </summary>
public sealed class DayPartitions
{
    private const long NsPerDay = 86_400_000_000_000L;
    private const long AdvisoryLockKey = 0x46_53_70_61_72_74_73; // "FSparts"

    private readonly NpgsqlDataSource _dataSource;

    public DayPartitions(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <summary>The UTC day holding <paramref name="timeNs"/>.</summary>
    public static DateOnly DayOf(long timeNs) => DateOfEpochDay(EpochDayOf(timeNs));

    /// <summary>Days since 1970-01-01 of the UTC day holding <paramref name="timeNs"/> (floored, so times before 1970 count too).</summary>
    internal static long EpochDayOf(long timeNs)
    {
        long days = timeNs / NsPerDay;
        return timeNs % NsPerDay < 0 ? days - 1 : days;
    }

    /// <summary>The date <paramref name="epochDay"/> days after 1970-01-01.</summary>
    internal static DateOnly DateOfEpochDay(long epochDay) => DateOnly.FromDayNumber(EpochDayNumber + (int)epochDay);

    private static int EpochDayNumber => DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>The partition's table name for a day.</summary>
    public static string PartitionName(string table, DateOnly day) =>
        $"{table}_p{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>Creates the partitions of <paramref name="days"/> that do not exist yet.</summary>
    public async Task EnsureAsync(string table, IEnumerable<DateOnly> days, CancellationToken cancellationToken = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureAsync(connection, table, days, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates today's partition (by <paramref name="now"/>) and those of the next <paramref name="daysAhead"/> days.</summary>
    public Task CreateAheadAsync(string table, DateTimeOffset now, int daysAhead, CancellationToken cancellationToken = default)
    {
        DateOnly today = DateOnly.FromDateTime(now.UtcDateTime);
        return EnsureAsync(table, Enumerable.Range(0, daysAhead + 1).Select(today.AddDays), cancellationToken);
    }

    /// <summary>Retention: drops the partitions of days before <paramref name="oldestKept"/>; returns the dropped tables.</summary>
    public async Task<IReadOnlyList<string>> DropOlderThanAsync(string table, DateOnly oldestKept, CancellationToken cancellationToken = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var dropped = new List<string>();
        foreach ((string partition, DateOnly day) in await ListAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false))
        {
            if (day >= oldestKept)
                continue;
            await using var drop = new NpgsqlCommand($"DROP TABLE {partition}", connection, transaction);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            dropped.Add(partition);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return dropped;
    }

    /// <summary>The days that have a partition, oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> ListDaysAsync(string table, CancellationToken cancellationToken = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await ListAsync(connection, null, table, cancellationToken).ConfigureAwait(false)).Select(p => p.Day)];
    }

    internal static async Task EnsureAsync(NpgsqlConnection connection, string table, IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (DateOnly day in days.Distinct())
        {
            long from = (long)(day.DayNumber - EpochDayNumber) * NsPerDay;
            await using var create = new NpgsqlCommand(
                $"CREATE TABLE IF NOT EXISTS {PartitionName(table, day)} PARTITION OF {table} FOR VALUES FROM ({from}) TO ({from + NsPerDay})",
                connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<(string Partition, DateOnly Day)>> ListAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY c.relname",
            connection, transaction)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = table } },
        };
        var partitions = new List<(string, DateOnly)>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        string prefix = table + "_p";
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string name = reader.GetString(0);
            // Partitions named otherwise (attached by hand) are not ours to drop.
            if (name.StartsWith(prefix, StringComparison.Ordinal) &&
                DateOnly.TryParseExact(name[prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
                partitions.Add((name, day));
        }

        return partitions;
    }
}
