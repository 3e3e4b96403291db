using Npgsql;

namespace FlowSense.Actors.Persistence.TestSupport;

/// <summary>The PostgreSQL server the tests run against, named by the FLOWSENSE_TEST_POSTGRES environment variable.</summary>
public static class TestPostgres
{
    /// <summary>The environment variable holding the server's Npgsql connection string.</summary>
    public const string EnvironmentVariable = "FLOWSENSE_TEST_POSTGRES";

    /// <summary>The connection string; fails the test (never skips it) when the variable is absent.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: run ./build.sh test, which starts a throwaway PostgreSQL, " +
                $"or set {EnvironmentVariable} (e.g. from `eval \"$(database/throwaway-postgres.sh start)\"`).");

    /// <summary>The repository's database/ folder (for the throwaway-postgres script and the migration files).</summary>
    public static string DatabaseFolder
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "database");
                if (File.Exists(Path.Combine(candidate, "throwaway-postgres.sh")))
                    return candidate;
            }

            throw new DirectoryNotFoundException($"No database/ folder with throwaway-postgres.sh above {AppContext.BaseDirectory}.");
        }
    }
}
