using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.Node.Hosting;
using Npgsql;

namespace FlowSense.Node.Tests.Persistence;

/// <summary>A node configured with PostgreSQL migrates the database at start and stores its symbols' snapshots there.</summary>
public sealed class PostgresNodeTests : IAsyncLifetime
{
    private PostgresDatabase? _database;

    [Fact]
    public async Task The_node_migrates_at_start_and_snapshots_its_symbols_into_postgres_without_printing_the_password()
    {
        string connection = new NpgsqlConnectionStringBuilder(_database!.ConnectionString) { Password = "n0de-secret" }.ConnectionString;
        await using FlowSenseNode node = await NodeHost.StartAsync(new NodeHostOptions
        {
            Speed = "max",
            Settings = new Dictionary<string, string?>
            {
                ["flowsense:node:replays:ibm:enabled"] = "false",
                ["flowsense:node:replays:kraken:enabled"] = "false",
                ["flowsense:persistence:postgres:connection-string"] = connection,
            },
        });
        await node.ReplaysFinished.WaitAsync(TimeSpan.FromMinutes(2));
        var report = await node.ShutdownAsync("test");

        Assert.True(report.Phases.AllCompleted);
        Assert.Contains($"migrations: {MigrationSource.Embedded().Count} applied, 0 already applied", node.PersistenceLine, StringComparison.Ordinal);
        Assert.Contains("epoch 1", node.PersistenceLine, StringComparison.Ordinal);
        Assert.DoesNotContain("n0de-secret", node.PersistenceLine, StringComparison.Ordinal);

        await using NpgsqlCommand rows = _database.DataSource.CreateCommand(
            "SELECT count(DISTINCT persistence_id), min(epoch), max(epoch) FROM snapshots WHERE persistence_id LIKE 'COINBASE:%'");
        await using NpgsqlDataReader reader = await rows.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetInt64(0) >= 2, $"{reader.GetInt64(0)} symbols stored");
        Assert.Equal((1L, 1L), (reader.GetInt64(1), reader.GetInt64(2)));
    }

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync(migrate: false);

    public Task DisposeAsync() => _database!.DisposeAsync();
}
