using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.TestSupport;

namespace FlowSense.Actors.Persistence.Sqlite.Tests;

/// <summary>The journal contract on SQLite.</summary>
public sealed class SqliteJournalContractTests(SqliteFile file) : JournalContractTests, IClassFixture<SqliteFile>
{
    protected override IJournal Journal { get; } = new SqliteJournal(file.Database);
}
