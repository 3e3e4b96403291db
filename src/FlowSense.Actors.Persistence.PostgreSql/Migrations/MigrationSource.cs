using System.Reflection;

namespace FlowSense.Actors.Persistence.PostgreSql.Migrations;

/// <summary>Where migrations come from: the copies embedded in this assembly (the default), or a folder.</summary>
public static class MigrationSource
{
    private const string ResourcePrefix = "FlowSense.Migrations.";

    /// <summary>The migrations of database/ embedded at build time, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        Assembly assembly = typeof(MigrationSource).Assembly;
        var migrations = new List<Migration>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                continue;
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(Migration.FromFile(resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return Ordered(migrations);
    }

    /// <summary>The <c>NNNN_name.sql</c> files of <paramref name="directory"/>, in version order.</summary>
    public static IReadOnlyList<Migration> FromDirectory(string directory) =>
        Ordered(Directory.EnumerateFiles(directory, "*.sql")
            .Select(path => Migration.FromFile(Path.GetFileName(path), File.ReadAllText(path))));

    private static List<Migration> Ordered(IEnumerable<Migration> migrations)
    {
        List<Migration> ordered = [.. migrations.OrderBy(m => m.Version)];
        for (int i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
                throw new InvalidOperationException($"Two migrations share version {ordered[i].Version}: {ordered[i - 1].FileName} and {ordered[i].FileName}.");
        }

        return ordered;
    }
}
