using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Actors.Persistence.TestSupport;
using Npgsql;

namespace FlowSense.Cli.Tests.Db;

/// <summary><c>flowsense db migrate</c> against a fresh database on the test PostgreSQL server.</summary>
public sealed class DbMigrateTests : IAsyncLifetime
{
    private readonly CliRun _run = new();
    private PostgresDatabase? _database;

    private PostgresDatabase Database => _database!;

    [Fact]
    public async Task Migrate_applies_every_migration_once_then_is_a_no_op_and_never_prints_the_password()
    {
        // Trust authentication ignores the password, so a made-up one shows whether it is ever printed.
        string withPassword = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Password = "s3cret-pw" }.ConnectionString;
        _run.Variables["FLOWSENSE__PERSISTENCE__POSTGRES__CONNECTION-STRING"] = withPassword;
        IReadOnlyList<Migration> shipped = MigrationSource.Embedded();

        CliResult first = await _run.Invoke("db", "migrate");
        CliResult second = await _run.Invoke("db", "migrate", "--connection", withPassword);

        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        Assert.Equal(string.Join(", ", shipped.Select(m => m.FileName)), first.Fact("applied"));
        Assert.Equal("0", first.Fact("already applied"));
        Assert.True(second.ExitCode == 0, second.Out + second.Error);
        Assert.Equal("nothing (the schema is current)", second.Fact("applied"));
        Assert.Equal(shipped.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), second.Fact("already applied"));
        foreach (CliResult result in new[] { first, second })
            Assert.DoesNotContain("s3cret-pw", result.Out + result.Error, StringComparison.Ordinal);

        await using NpgsqlCommand count = Database.DataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)shipped.Count, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Without_a_connection_string_it_says_how_to_give_one()
    {
        string empty = _run.PathOf("empty.conf");
        await File.WriteAllTextAsync(empty, "flowsense.node.id = x\n");

        CliResult result = await _run.Invoke("db", "migrate", "--config", empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No PostgreSQL connection string was given", result.Error, StringComparison.Ordinal);
        Assert.Contains("FLOWSENSE__PERSISTENCE__POSTGRES__CONNECTION-STRING", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_without_the_password()
    {
        CliResult result = await _run.Invoke("db", "migrate", "--connection", "Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Timeout=2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PostgreSQL at Host=127.0.0.1;Port=1;Username=u;Password=***", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Out + result.Error, StringComparison.Ordinal);
    }

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        _run.Dispose();
    }
}
