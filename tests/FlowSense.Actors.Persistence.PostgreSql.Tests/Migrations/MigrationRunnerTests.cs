using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Actors.Persistence.TestSupport;
using Npgsql;

namespace FlowSense.Actors.Persistence.PostgreSql.Tests.Migrations;

public sealed class MigrationRunnerTests
{
    private static IReadOnlyList<Migration> Scripted(params (string File, string Sql)[] files) =>
        [.. files.Select(f => Migration.FromFile(f.File, f.Sql))];

    private static async Task<List<(int Version, string Name, string Checksum)>> RecordedAsync(PostgresDatabase db)
    {
        var rows = new List<(int, string, string)>();
        await using NpgsqlCommand command = db.DataSource.CreateCommand("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    [Fact]
    public async Task The_embedded_migrations_are_exactly_the_files_in_the_database_folder()
    {
        IReadOnlyList<Migration> files = MigrationSource.FromDirectory(TestPostgres.DatabaseFolder);
        IReadOnlyList<Migration> embedded = MigrationSource.Embedded();

        Assert.NotEmpty(embedded);
        Assert.Equal(files.Select(m => (m.FileName, m.Checksum)), embedded.Select(m => (m.FileName, m.Checksum)));
        Assert.Equal(Enumerable.Range(1, embedded.Count), embedded.Select(m => m.Version));
    }

    [Fact]
    public async Task Applies_every_migration_in_order_and_records_name_and_checksum()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync(migrate: false);

        MigrationResult result = await new MigrationRunner(db.DataSource).MigrateAsync();

        IReadOnlyList<Migration> expected = MigrationSource.Embedded();
        Assert.Equal(expected.Select(m => m.Version), result.Applied.Select(m => m.Version));
        Assert.Equal(expected.Select(m => (m.Version, m.Name, m.Checksum)), await RecordedAsync(db));
        await using NpgsqlCommand probe = db.DataSource.CreateCommand("SELECT count(*) FROM journal, journal_streams, snapshots");
        Assert.Equal(0L, await probe.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Running_again_is_a_no_op()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync(migrate: true);

        MigrationResult again = await new MigrationRunner(db.DataSource).MigrateAsync();

        Assert.Empty(again.Applied);
        Assert.Equal(MigrationSource.Embedded().Count, again.AlreadyApplied);
        Assert.Equal(MigrationSource.Embedded().Count, (await RecordedAsync(db)).Count);
    }

    [Fact]
    public async Task Only_the_new_migrations_are_applied_to_an_older_schema()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync(migrate: false);
        (string, string) first = ("0001_a.sql", "CREATE TABLE a (x int);");
        await new MigrationRunner(db.DataSource, Scripted(first)).MigrateAsync();

        MigrationResult result = await new MigrationRunner(db.DataSource, Scripted(first, ("0002_b.sql", "CREATE TABLE b (y int);"))).MigrateAsync();

        Assert.Equal(["b"], result.Applied.Select(m => m.Name));
        Assert.Equal(1, result.AlreadyApplied);
    }

    [Fact]
    public async Task A_changed_applied_migration_is_an_error_that_says_what_to_do_and_applies_nothing()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync(migrate: false);
        await new MigrationRunner(db.DataSource, Scripted(("0001_a.sql", "CREATE TABLE a (x int);"))).MigrateAsync();

        var runner = new MigrationRunner(db.DataSource, Scripted(
            ("0001_a.sql", "CREATE TABLE a (x bigint);"), ("0002_b.sql", "CREATE TABLE b (y int);")));
        var ex = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => runner.MigrateAsync());

        Assert.Contains("0001_a.sql", ex.Message, StringComparison.Ordinal);
        Assert.Contains("restore the file as it was, and put the change in a new migration", ex.Message, StringComparison.Ordinal);
        Assert.Single(await RecordedAsync(db));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_the_whole_run()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync(migrate: false);
        var runner = new MigrationRunner(db.DataSource, Scripted(
            ("0001_a.sql", "CREATE TABLE a (x int);"), ("0002_broken.sql", "CREATE TABLE a (x int);")));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.MigrateAsync());

        Assert.Contains("0002_broken.sql failed", ex.Message, StringComparison.Ordinal);
        await using NpgsqlCommand probe = db.DataSource.CreateCommand("SELECT to_regclass('a') IS NULL AND to_regclass('schema_migrations') IS NULL");
        Assert.Equal(true, await probe.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_migration_exactly_once()
    {
        await using PostgresDatabase db = await PostgresDatabase.CreateAsync(migrate: false);
        // Not idempotent on purpose: a second application would fail on the existing table.
        IReadOnlyList<Migration> migrations = Scripted(("0001_a.sql", "CREATE TABLE a (x int); SELECT pg_sleep(0.2);"));

        MigrationResult[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new MigrationRunner(db.DataSource, migrations).MigrateAsync())));

        Assert.Equal(1, results.Sum(r => r.Applied.Count));
        Assert.Equal(3, results.Sum(r => r.AlreadyApplied));
    }

    [Fact]
    public async Task Malformed_file_names_and_duplicate_versions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Migration.FromFile("1_journal.sql", ""));
        Assert.Throws<ArgumentException>(() => Migration.FromFile("0001-Journal.sql", ""));
        string dir = Directory.CreateTempSubdirectory("migrations").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "0001_a.sql"), "SELECT 1;");
            await File.WriteAllTextAsync(Path.Combine(dir, "0001_b.sql"), "SELECT 2;");
            var ex = Assert.Throws<InvalidOperationException>(() => MigrationSource.FromDirectory(dir));
            Assert.Contains("share version 1", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
