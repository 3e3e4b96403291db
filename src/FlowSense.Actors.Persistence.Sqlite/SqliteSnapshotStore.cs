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
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO snapshots (persistence_id, sequence_nr, created_at, manifest, payload) VALUES ($id, $seq, $at, $manifest, $payload)
            ON CONFLICT (persistence_id, sequence_nr)
            DO UPDATE SET created_at = excluded.created_at, manifest = excluded.manifest, payload = excluded.payload
            """;
        command.Parameters.AddWithValue("$id", metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        command.Parameters.AddWithValue("$at", SqliteDatabase.ToUnixMicroseconds(metadata.Timestamp));
        command.Parameters.AddWithValue("$manifest", manifest);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = SqliteDatabase.AsArray(payload);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = CriteriaCommand(connection,
            $"SELECT sequence_nr, created_at, manifest, payload FROM snapshots WHERE {CriteriaSql} ORDER BY sequence_nr DESC LIMIT 1",
            persistenceId, criteria);
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
            return Task.FromResult<SelectedSnapshot?>(null);
        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), SqliteDatabase.FromUnixMicroseconds(reader.GetInt64(1)));
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
