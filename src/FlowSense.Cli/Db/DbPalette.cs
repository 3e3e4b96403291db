using System.CommandLine;
using FlowSense.Actors.Configuration;
using FlowSense.Actors.Persistence.PostgreSql;
using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Cli.Terminal;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FlowSense.Cli.Db;

/// <summary>
/// <c>flowsense db migrate</c>: applies the numbered migrations of database/ (embedded in the build) to a PostgreSQL
/// database, under the advisory lock the node also takes, and reports what it applied; a second run applies nothing.
/// </summary>
internal static class DbPalette
{
    /// <summary>The environment variable that carries the connection string (the node reads the same one).</summary>
    public const string ConnectionVariable = "FLOWSENSE__PERSISTENCE__POSTGRES__CONNECTION-STRING";

    private const string ConfigKey = "flowsense:persistence:postgres:connection-string";

    public static Command Create(CliConsole console)
    {
        var connection = new Option<string?>("--connection")
        {
            Description = $"Npgsql connection string. Default: ${ConnectionVariable}, else flowsense.persistence.postgres.connection-string of --config.",
        };
        var config = new Option<string?>("--config") { Description = "HOCON file to read the connection string from (default hocon/single-node.conf above the working directory)." };
        var migrate = new Command("migrate", "Apply the pending database/ migrations (a no-op when the schema is current) and report what was applied.");
        migrate.Add(connection);
        migrate.Add(config);
        migrate.SetGuardedAction(console, async (parse, cancellation) =>
        {
            string target = ConnectionString(console, parse.GetValue(connection), parse.GetValue(config));
            string shown = ConnectionStrings.Redact(target);
            MigrationResult result;
            try
            {
                await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(target);
                result = await new MigrationRunner(dataSource).MigrateAsync(cancellation).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new UserError($"The connection string is not valid: {e.Message}", "Write it as Npgsql expects, e.g. Host=127.0.0.1;Port=5432;Username=flowsense;Database=flowsense.");
            }
            catch (NpgsqlException e)
            {
                throw new UserError($"PostgreSQL at {shown} failed: {e.Message}", "Check that the server is running, that the host, port, database and user are right, and that the user may create tables.");
            }
            catch (Exception e) when (e is MigrationChecksumMismatchException or InvalidOperationException)
            {
                throw new UserError(e.Message, "Nothing was applied. Fix the migration files (database/) or the database, then run again.");
            }

            console.Summary($"flowsense db migrate: {shown}",
            [
                ("applied", result.Applied.Count == 0 ? "nothing (the schema is current)" : string.Join(", ", result.Applied.Select(m => m.FileName))),
                ("already applied", result.AlreadyApplied.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("unknown to this build", result.UnknownApplied.Count == 0 ? "none" : string.Join(", ", result.UnknownApplied)),
            ]);
            if (result.UnknownApplied.Count > 0)
                console.Warn("the database has migrations this build does not know: a newer FlowSense migrated it.");
            return ExitCodes.Ok;
        });

        var palette = new Command("db", "Operate the PostgreSQL database: migrate.");
        palette.Add(migrate);
        return palette;
    }

    private static string ConnectionString(CliConsole console, string? option, string? configFile)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return option;
        if (console.Variable(ConnectionVariable) is { } variable)
            return variable;
        string? file = configFile ?? DefaultOverlay();
        if (file is not null && File.Exists(file))
        {
            string? configured = new ConfigurationBuilder().AddHoconFile(file).Build()[ConfigKey];
            if (!string.IsNullOrWhiteSpace(configured))
                return configured;
        }
        else if (configFile is not null)
        {
            throw new UserError($"{configFile}: the configuration file was not found.", "Give --config a HOCON file, e.g. hocon/single-node.conf.");
        }
        throw new UserError("No PostgreSQL connection string was given.",
            $"Pass --connection \"Host=...;Username=...;Database=...\", set {ConnectionVariable}, or set flowsense.persistence.postgres.connection-string in the configuration.");
    }

    private static string? DefaultOverlay()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hocon", "single-node.conf");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
