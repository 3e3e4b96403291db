namespace FlowSense.Actors.Persistence.PostgreSql.Migrations;

/// <summary>What a migration run did.</summary>
/// <param name="Applied">Migrations applied by this run, in order (empty when the schema was current).</param>
/// <param name="AlreadyApplied">Migrations found applied with matching checksums.</param>
/// <param name="UnknownApplied">Versions recorded in the database that this code does not know (a newer node migrated it).</param>
public sealed record MigrationResult(IReadOnlyList<Migration> Applied, int AlreadyApplied, IReadOnlyList<int> UnknownApplied);
