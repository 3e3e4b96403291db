using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Actors.Persistence.TestSupport;

namespace FlowSense.Actors.Persistence.Sqlite.Tests;

/// <summary>The snapshot-store contract on SQLite.</summary>
public sealed class SqliteSnapshotStoreContractTests(SqliteFile file) : SnapshotStoreContractTests, IClassFixture<SqliteFile>
{
    protected override ISnapshotStore Store { get; } = new SqliteSnapshotStore(file.Database);
}
