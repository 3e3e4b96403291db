using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using Npgsql;

namespace FlowSense.Actors.Persistence.TestSupport;

/// <summary>
/// A fresh database on the test server for one test class (an xunit class fixture), migrated to the current
/// schema and dropped afterwards, so test classes never see each other's rows.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime, IAsyncDisposable
{
    private NpgsqlDataSource? _dataSource;

    /// <summary>The database's name.</summary>
    public string Name { get; } = $"flowsense_test_{Guid.NewGuid():N}";

    /// <summary>Connections to the test database.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    /// <summary>The test database's connection string.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = Name }.ConnectionString;

    /// <summary>Whether the migrations are applied on creation (off for the migration tests themselves).</summary>
    public bool Migrate { get; init; } = true;

    /// <summary>Creates a database for one test; dispose it at the end.</summary>
    public static async Task<PostgresDatabase> CreateAsync(bool migrate)
    {
        var database = new PostgresDatabase { Migrate = migrate };
        await database.InitializeAsync();
        return database;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestPostgres.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        if (Migrate)
            await new MigrationRunner(_dataSource).MigrateAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dataSource is null)
            return;
        await _dataSource.DisposeAsync();
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
