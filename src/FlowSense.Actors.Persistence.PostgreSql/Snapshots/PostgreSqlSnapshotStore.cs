using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.Snapshots;
using Npgsql;

namespace FlowSense.Actors.Persistence.PostgreSql.Snapshots;

/// <summary>The snapshot store on PostgreSQL (table <c>snapshots</c>, migration 0002).</summary>
public sealed class PostgreSqlSnapshotStore : ISnapshotStore
{
    // The criteria's optional timestamp bounds are NULL when absent.
    private const string CriteriaSql = """
        persistence_id = $1 AND sequence_nr <= $2 AND sequence_nr >= $3
        AND ($4::timestamptz IS NULL OR created_at <= $4) AND ($5::timestamptz IS NULL OR created_at >= $5)
        """;

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="dataSource">The database, migrated (see <see cref="Migrations.MigrationRunner"/>).</param>
    public PostgreSqlSnapshotStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <inheritdoc />
    public async Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // A transaction-level advisory lock per stream: the epoch check and the insert cannot interleave with
        // another writer of the same stream (NOT EXISTS alone would let two concurrent inserts both pass).
        await using (var lockStream = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            lockStream.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
            await lockStream.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var fence = new NpgsqlCommand("SELECT coalesce(max(epoch), 0) FROM snapshots WHERE persistence_id = $1", connection, transaction))
        {
            fence.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
            long stored = (long)(await fence.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (metadata.Epoch < stored)
                throw new StaleEpochException(metadata.PersistenceId, metadata.Epoch, stored);
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO snapshots (persistence_id, sequence_nr, created_at, manifest, payload, epoch) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (persistence_id, sequence_nr)
            DO UPDATE SET created_at = EXCLUDED.created_at, manifest = EXCLUDED.manifest, payload = EXCLUDED.payload, epoch = EXCLUDED.epoch
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = metadata.Timestamp.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifest });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = payload, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.Epoch });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = CriteriaCommand(
            $"SELECT sequence_nr, created_at, manifest, payload, epoch FROM snapshots WHERE {CriteriaSql} ORDER BY sequence_nr DESC LIMIT 1",
            persistenceId, criteria);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTimeOffset(reader.GetDateTime(1)))
        {
            Epoch = reader.GetInt64(4),
        };
        return new SelectedSnapshot(metadata, reader.GetString(2), reader.GetFieldValue<byte[]>(3));
    }

    /// <inheritdoc />
    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("DELETE FROM snapshots WHERE persistence_id = $1 AND sequence_nr = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = CriteriaCommand($"DELETE FROM snapshots WHERE {CriteriaSql}", persistenceId, criteria);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> HighestEpochAsync(CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT coalesce(max(epoch), 0) FROM snapshots");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<int> KeepLatestAsync(string persistenceId, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        await using NpgsqlCommand command = _dataSource.CreateCommand("""
            DELETE FROM snapshots WHERE persistence_id = $1 AND sequence_nr NOT IN
                (SELECT sequence_nr FROM snapshots WHERE persistence_id = $1 ORDER BY sequence_nr DESC LIMIT $2)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = keep });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand CriteriaCommand(string sql, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        NpgsqlCommand command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MinSequenceNr });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)criteria.MaxTimestamp?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)criteria.MinTimestamp?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return command;
    }
}
