using FlowSense.Actors.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace FlowSense.Actors.Persistence.Sqlite.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("flowsense-sqlite-");

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void A_new_file_is_in_wal_mode_with_the_current_schema_version()
    {
        SqliteDatabase.Open(PathOf("a.db"));

        Assert.Equal("wal", Scalar(PathOf("a.db"), "PRAGMA journal_mode"));
        Assert.Equal(2L, Scalar(PathOf("a.db"), "PRAGMA user_version"));
    }

    [Fact]
    public async Task Reopening_keeps_the_events_and_does_not_recreate_the_schema()
    {
        var journal = new SqliteJournal(SqliteDatabase.Open(PathOf("b.db")));
        await journal.WriteAsync(new AtomicWrite("s", 1, [new JournalEvent(1, "e.v1", new byte[] { 7 })]));
        SqliteConnection.ClearAllPools();

        var reopened = new SqliteJournal(SqliteDatabase.Open(PathOf("b.db")));

        Assert.Equal(1, await reopened.HighestSequenceNrAsync("s"));
        Assert.Equal(7, (await reopened.ReadAllAsync("s"))[0].Payload.Span[0]);
    }

    [Fact]
    public void A_file_from_a_newer_schema_is_refused_with_a_reason()
    {
        SqliteDatabase.Open(PathOf("c.db"));
        Scalar(PathOf("c.db"), "PRAGMA user_version = 99");
        SqliteConnection.ClearAllPools();

        var ex = Assert.Throws<InvalidOperationException>(() => SqliteDatabase.Open(PathOf("c.db")));

        Assert.Contains("schema version 99, newer than this build knows", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
