using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.Snapshots;
using Microsoft.Data.Sqlite;

namespace FlowSense.Actors.Persistence.Sqlite;

/// <summary>The snapshot store in a SQLite file (table <c>snapshots</c>), with the PostgreSQL store's semantics.</summary>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    // Absent timestamp bounds are passed as NULL.
    private const string CriteriaSql = """
        persistence_id = $id AND sequence_nr <= $maxSeq AND sequence_nr >= $minSeq
        AND ($maxTs IS NULL OR created_at <= $maxTs) AND ($minTs IS NULL OR created_at >= $minTs)
        """;

    private readonly SqliteDatabase _database;

    /// <param name="database">The opened database file.</param>
    public SqliteSnapshotStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        // IMMEDIATE takes the write lock first, so the epoch check and the insert cannot interleave with another writer.
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using (SqliteCommand fence = connection.CreateCommand())
        {
            fence.Transaction = transaction;
            fence.CommandText = "SELECT coalesce(max(epoch), 0) FROM snapshots WHERE persistence_id = $id";
            fence.Parameters.AddWithValue("$id", metadata.PersistenceId);
            long stored = (long)fence.ExecuteScalar()!;
            if (metadata.Epoch < stored)
                return Task.FromException(new StaleEpochException(metadata.PersistenceId, metadata.Epoch, stored));
        }

        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO snapshots (persistence_id, sequence_nr, created_at, manifest, payload, epoch) VALUES ($id, $seq, $at, $manifest, $payload, $epoch)
            ON CONFLICT (persistence_id, sequence_nr)
            DO UPDATE SET created_at = excluded.created_at, manifest = excluded.manifest, payload = excluded.payload, epoch = excluded.epoch
            """;
        command.Parameters.AddWithValue("$id", metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        command.Parameters.AddWithValue("$at", SqliteDatabase.ToUnixMicroseconds(metadata.Timestamp));
        command.Parameters.AddWithValue("$manifest", manifest);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = SqliteDatabase.AsArray(payload);
        command.Parameters.AddWithValue("$epoch", metadata.Epoch);
        command.ExecuteNonQuery();
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = CriteriaCommand(connection,
            $"SELECT sequence_nr, created_at, manifest, payload, epoch FROM snapshots WHERE {CriteriaSql} ORDER BY sequence_nr DESC LIMIT 1",
            persistenceId, criteria);
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
            return Task.FromResult<SelectedSnapshot?>(null);
        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), SqliteDatabase.FromUnixMicroseconds(reader.GetInt64(1)))
        {
            Epoch = reader.GetInt64(4),
        };
        return Task.FromResult<SelectedSnapshot?>(new SelectedSnapshot(metadata, reader.GetString(2), (byte[])reader.GetValue(3)));
    }

    /// <inheritdoc />
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM snapshots WHERE persistence_id = $id AND sequence_nr = $seq";
        command.Parameters.AddWithValue("$id", metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = CriteriaCommand(connection, $"DELETE FROM snapshots WHERE {CriteriaSql}", persistenceId, criteria);
        return Task.FromResult(command.ExecuteNonQuery());
    }

    /// <inheritdoc />
    public Task<long> HighestEpochAsync(CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(epoch), 0) FROM snapshots";
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public Task<int> KeepLatestAsync(string persistenceId, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM snapshots WHERE persistence_id = $id AND sequence_nr NOT IN
                (SELECT sequence_nr FROM snapshots WHERE persistence_id = $id ORDER BY sequence_nr DESC LIMIT $keep)
            """;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$keep", keep);
        return Task.FromResult(command.ExecuteNonQuery());
    }

    private static SqliteCommand CriteriaCommand(SqliteConnection connection, string sql, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$maxTs", criteria.MaxTimestamp is { } max ? SqliteDatabase.ToUnixMicroseconds(max) : DBNull.Value);
        command.Parameters.AddWithValue("$minTs", criteria.MinTimestamp is { } min ? SqliteDatabase.ToUnixMicroseconds(min) : DBNull.Value);
        return command;
    }
}
