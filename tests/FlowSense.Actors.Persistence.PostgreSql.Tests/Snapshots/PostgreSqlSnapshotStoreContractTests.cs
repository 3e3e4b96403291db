using FlowSense.Actors.Persistence.PostgreSql.Snapshots;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Actors.Persistence.TestSupport;

namespace FlowSense.Actors.Persistence.PostgreSql.Tests.Snapshots;

/// <summary>The snapshot-store contract on PostgreSQL.</summary>
public sealed class PostgreSqlSnapshotStoreContractTests(PostgresDatabase database) : SnapshotStoreContractTests, IClassFixture<PostgresDatabase>
{
    protected override ISnapshotStore Store { get; } = new PostgreSqlSnapshotStore(database.DataSource);
}
