using Npgsql;

namespace FlowSense.Actors.Persistence.PostgreSql.Migrations;

/// <summary>
/// Brings a database's schema up to date: applies the pending numbered migrations in order, all in one
/// transaction, under a transaction-level advisory lock so that nodes starting together migrate once. Each applied
/// migration is recorded in <c>schema_migrations</c> with its checksum; running again is a no-op, and a changed
/// applied migration stops the run with <see cref="MigrationChecksumMismatchException"/> before anything is applied.
/// </summary>
public sealed class MigrationRunner
{
    /// <summary>The advisory-lock key that serializes migration runs ("FSmigrat" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x46_53_6D_69_67_72_61_74;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<Migration> _migrations;

    /// <param name="dataSource">The database to migrate.</param>
    /// <param name="migrations">The migrations, in version order; by default the embedded ones (<see cref="MigrationSource.Embedded"/>).</param>
    public MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _migrations = migrations ?? MigrationSource.Embedded();
    }

    /// <summary>Applies every pending migration.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(connection, transaction, $"""
            SELECT pg_advisory_xact_lock({AdvisoryLockKey});
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken).ConfigureAwait(false);

        Dictionary<int, string> applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var pending = new List<Migration>();
        int alreadyApplied = 0;
        foreach (Migration migration in _migrations)
        {
            if (!applied.Remove(migration.Version, out string? checksum))
            {
                pending.Add(migration);
            }
            else if (checksum != migration.Checksum)
            {
                throw new MigrationChecksumMismatchException(migration, checksum);
            }
            else
            {
                alreadyApplied++;
            }
        }

        foreach (Migration migration in pending)
        {
            try
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.FileName} failed: {ex.MessageText}. Nothing of this run was applied.", ex);
            }

            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new MigrationResult(pending, alreadyApplied, [.. applied.Keys.Order()]);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection, transaction);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            applied.Add(reader.GetInt32(0), reader.GetString(1));
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
