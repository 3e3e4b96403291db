using Microsoft.Data.Sqlite;

namespace FlowSense.Actors.Persistence.Sqlite;

/// <summary>
/// One SQLite file holding the journal and the snapshots of a single node. Opening it creates or upgrades the
/// schema (versioned by <c>PRAGMA user_version</c>) and switches it to WAL mode, so replays read while the
/// journal writes. Every connection runs with <c>synchronous=FULL</c> unless told otherwise: an acknowledged
/// event survives a power loss, as it does in PostgreSQL.
/// </summary>
public sealed class SqliteDatabase
{
    // Each entry upgrades the schema by one version; the index + 1 is the version it produces. Append, never edit.
    private static readonly string[] SchemaSteps =
    [
        """
        CREATE TABLE journal (
            persistence_id TEXT    NOT NULL,
            sequence_nr    INTEGER NOT NULL,
            epoch          INTEGER NOT NULL,
            manifest       TEXT    NOT NULL,
            payload        BLOB    NOT NULL,
            written_at     INTEGER NOT NULL, -- microseconds since the Unix epoch (UTC), PostgreSQL's precision
            PRIMARY KEY (persistence_id, sequence_nr)
        ) WITHOUT ROWID;
        CREATE TABLE journal_streams (
            persistence_id      TEXT    PRIMARY KEY,
            epoch               INTEGER NOT NULL,
            highest_sequence_nr INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE snapshots (
            persistence_id TEXT    NOT NULL,
            sequence_nr    INTEGER NOT NULL,
            created_at     INTEGER NOT NULL, -- microseconds since the Unix epoch (UTC)
            manifest       TEXT    NOT NULL,
            payload        BLOB    NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        ) WITHOUT ROWID;
        """,
        // 2: snapshots carry their writer's fencing epoch (as PostgreSQL's migration 0005).
        "ALTER TABLE snapshots ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;",
    ];

    private readonly string _connectionString;
    private readonly bool _fullSync;

    private SqliteDatabase(string connectionString, bool fullSync)
    {
        _connectionString = connectionString;
        _fullSync = fullSync;
    }

    /// <summary>The file's path.</summary>
    public required string Path { get; init; }

    /// <summary>Opens (creating if needed) the database file and brings its schema up to date.</summary>
    /// <param name="path">The file; its folder must exist.</param>
    /// <param name="fullSync">
    /// True (default): fsync at every commit. False trades durability on power loss (not on a process crash) for speed.
    /// </param>
    /// <exception cref="InvalidOperationException">The file was written by a newer schema version.</exception>
    public static SqliteDatabase Open(string path, bool fullSync = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30, // seconds a writer waits for the write lock held by another connection
        }.ToString();
        var database = new SqliteDatabase(connectionString, fullSync) { Path = path };
        database.Upgrade();
        return database;
    }

    /// <summary>An open connection with this node's pragmas applied.</summary>
    internal SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, _fullSync ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private void Upgrade()
    {
        using SqliteConnection connection = OpenConnection();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "PRAGMA user_version;";
        long current = (long)version.ExecuteScalar()!;
        if (current > SchemaSteps.Length)
            throw new InvalidOperationException(
                $"{Path} has schema version {current}, newer than this build knows ({SchemaSteps.Length}); run a newer FlowSense or use another file.");
        for (long step = current; step < SchemaSteps.Length; step++)
        {
            Execute(connection, SchemaSteps[step], transaction);
            Execute(connection, $"PRAGMA user_version = {step + 1};", transaction);
        }

        transaction.Commit();
    }

    /// <summary>Microseconds since the Unix epoch, the stored time format.</summary>
    internal static long ToUnixMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / 10;

    internal static DateTimeOffset FromUnixMicroseconds(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>The payload as an array for a SQLite parameter, without copying when it already is a whole array.</summary>
    internal static byte[] AsArray(ReadOnlyMemory<byte> payload) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(payload, out ArraySegment<byte> segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
