using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using Npgsql;

namespace FlowSense.Actors.Persistence.Benchmarks;

/// <summary>
/// The server a benchmark writes to: FLOWSENSE_TEST_POSTGRES (start one with
/// <c>eval "$(FLOWSENSE_PG_FSYNC=on database/throwaway-postgres.sh start)"</c>). Each benchmark class gets a
/// fresh, migrated database.
/// </summary>
internal static class BenchmarkPostgres
{
    public static NpgsqlDataSource CreateDatabase(string prefix)
    {
        string server = Environment.GetEnvironmentVariable("FLOWSENSE_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "FLOWSENSE_TEST_POSTGRES is not set; start a server with: eval \"$(FLOWSENSE_PG_FSYNC=on database/throwaway-postgres.sh start)\"");
        string name = $"{prefix}_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }

        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        new MigrationRunner(dataSource).MigrateAsync().GetAwaiter().GetResult();
        return dataSource;
    }
}
