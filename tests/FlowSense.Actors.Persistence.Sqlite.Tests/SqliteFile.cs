using Microsoft.Data.Sqlite;

namespace FlowSense.Actors.Persistence.Sqlite.Tests;

/// <summary>A database file in a fresh temp folder for one test class, deleted afterwards.</summary>
public sealed class SqliteFile : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("flowsense-sqlite-");

    public SqliteFile() => Database = SqliteDatabase.Open(Path.Combine(_folder.FullName, "flowsense.db"));

    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the file open
        _folder.Delete(recursive: true);
    }
}
