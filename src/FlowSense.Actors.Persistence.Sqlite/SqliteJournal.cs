using FlowSense.Actors.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace FlowSense.Actors.Persistence.Sqlite;

/// <summary>
/// The journal in a SQLite file: same tables and rules as the PostgreSQL journal. A write runs in a
/// <c>BEGIN IMMEDIATE</c> transaction, which holds SQLite's single write lock from the start, so reading the
/// streams' heads, deciding (<see cref="WriteAdmission"/>) and appending cannot race with another writer.
/// Microsoft.Data.Sqlite has no truly asynchronous I/O; the tasks complete on the calling thread.
/// </summary>
public sealed class SqliteJournal : IJournal
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    /// <param name="database">The opened database file.</param>
    /// <param name="time">The clock for <c>written_at</c>.</param>
    public SqliteJournal(SqliteDatabase database, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        var rejections = new Exception?[writes.Count];
        if (writes.Count == 0)
            return Task.FromResult<IReadOnlyList<Exception?>>(rejections);

        using SqliteConnection connection = _database.OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Dictionary<string, StreamHead> heads = ReadHeads(connection, transaction, writes);
        if (WriteAdmission.Decide(writes, heads, rejections) == 0)
            return Task.FromResult<IReadOnlyList<Exception?>>(rejections);

        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO journal (persistence_id, sequence_nr, epoch, manifest, payload, written_at) VALUES ($id, $seq, $epoch, $manifest, $payload, $at)";
        SqliteParameter id = insert.Parameters.Add("$id", SqliteType.Text);
        SqliteParameter seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        SqliteParameter epoch = insert.Parameters.Add("$epoch", SqliteType.Integer);
        SqliteParameter manifest = insert.Parameters.Add("$manifest", SqliteType.Text);
        SqliteParameter payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Parameters.AddWithValue("$at", SqliteDatabase.ToUnixMicroseconds(_time.GetUtcNow()));
        insert.Prepare();
        for (int i = 0; i < writes.Count; i++)
        {
            if (rejections[i] is not null)
                continue;
            AtomicWrite write = writes[i];
            id.Value = write.PersistenceId;
            epoch.Value = write.Epoch;
            foreach (JournalEvent e in write.Events)
            {
                seq.Value = e.SequenceNr;
                manifest.Value = e.Manifest;
                payload.Value = SqliteDatabase.AsArray(e.Payload);
                insert.ExecuteNonQuery();
            }
        }

        WriteHeads(connection, transaction, writes, rejections, heads);
        transaction.Commit();
        return Task.FromResult<IReadOnlyList<Exception?>>(rejections);
    }

    /// <inheritdoc />
    public Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, Action<ReplayedEvent> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence_nr, epoch, manifest, payload, written_at FROM journal
            WHERE persistence_id = $id AND sequence_nr >= $from AND sequence_nr <= $to ORDER BY sequence_nr
            """;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            onEvent(new ReplayedEvent(
                persistenceId, reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
                (byte[])reader.GetValue(3), SqliteDatabase.FromUnixMicroseconds(reader.GetInt64(4))));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT highest_sequence_nr FROM journal_streams WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return Task.FromResult(command.ExecuteScalar() is long highest ? highest : 0L);
    }

    /// <inheritdoc />
    public Task DeleteToAsync(string persistenceId, long toSequenceNr, long epoch, CancellationToken cancellationToken = default)
    {
        using SqliteConnection connection = _database.OpenConnection();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        StreamHead head = ReadHead(connection, transaction, persistenceId);
        if (epoch < head.Epoch)
            throw new StaleEpochException(persistenceId, epoch, head.Epoch);

        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO journal_streams (persistence_id, epoch, highest_sequence_nr) VALUES ($id, $epoch, $highest)
            ON CONFLICT (persistence_id) DO UPDATE SET epoch = excluded.epoch;
            DELETE FROM journal WHERE persistence_id = $id AND sequence_nr <= $to;
            """;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$epoch", epoch);
        command.Parameters.AddWithValue("$highest", head.HighestSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.ExecuteNonQuery();
        transaction.Commit();
        return Task.CompletedTask;
    }

    private static Dictionary<string, StreamHead> ReadHeads(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AtomicWrite> writes)
    {
        var heads = new Dictionary<string, StreamHead>(StringComparer.Ordinal);
        for (int i = 0; i < writes.Count; i++)
        {
            string id = writes[i].PersistenceId;
            if (!heads.ContainsKey(id))
                heads[id] = ReadHead(connection, transaction, id);
        }

        return heads;
    }

    private static StreamHead ReadHead(SqliteConnection connection, SqliteTransaction transaction, string persistenceId)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT epoch, highest_sequence_nr FROM journal_streams WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? new StreamHead(reader.GetInt64(0), reader.GetInt64(1)) : default;
    }

    private static void WriteHeads(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AtomicWrite> writes,
        Exception?[] rejections, Dictionary<string, StreamHead> heads)
    {
        using SqliteCommand upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO journal_streams (persistence_id, epoch, highest_sequence_nr) VALUES ($id, $epoch, $highest)
            ON CONFLICT (persistence_id) DO UPDATE SET epoch = excluded.epoch, highest_sequence_nr = excluded.highest_sequence_nr
            """;
        SqliteParameter id = upsert.Parameters.Add("$id", SqliteType.Text);
        SqliteParameter epoch = upsert.Parameters.Add("$epoch", SqliteType.Integer);
        SqliteParameter highest = upsert.Parameters.Add("$highest", SqliteType.Integer);
        var written = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < writes.Count; i++)
        {
            string persistenceId = writes[i].PersistenceId;
            if (rejections[i] is not null || !written.Add(persistenceId))
                continue;
            StreamHead head = heads[persistenceId];
            id.Value = persistenceId;
            epoch.Value = head.Epoch;
            highest.Value = head.HighestSequenceNr;
            upsert.ExecuteNonQuery();
        }
    }
}
