namespace FlowSense.Actors.Persistence.PostgreSql.Migrations;

/// <summary>An already-applied migration's file has changed since it was applied.</summary>
public sealed class MigrationChecksumMismatchException(Migration migration, string appliedChecksum)
    : Exception($"Migration {migration.FileName} was applied with checksum {appliedChecksum}, but the file now has {migration.Checksum}. " +
                "Applied migrations must never change: restore the file as it was, and put the change in a new migration with the next number.")
{
    /// <summary>The changed migration.</summary>
    public Migration Migration { get; } = migration;
}
