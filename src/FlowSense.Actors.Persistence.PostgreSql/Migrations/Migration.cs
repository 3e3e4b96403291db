using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FlowSense.Actors.Persistence.PostgreSql.Migrations;

/// <summary>
/// One numbered SQL migration, for example <c>0001_journal.sql</c>: version 1, name <c>journal</c>. Its checksum
/// (SHA-256 of the text with line endings normalized) is recorded when applied; an applied migration never changes.
/// </summary>
public sealed partial record Migration
{
    private Migration(int version, string name, string sql)
    {
        Version = version;
        Name = name;
        Sql = sql;
        Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n", StringComparison.Ordinal))));
    }

    /// <summary>The number that orders migrations.</summary>
    public int Version { get; }

    /// <summary>The descriptive part of the file name.</summary>
    public string Name { get; }

    /// <summary>The SQL to run.</summary>
    public string Sql { get; }

    /// <summary>Lower-case hex SHA-256 of the SQL.</summary>
    public string Checksum { get; }

    /// <summary>The file name the migration came from.</summary>
    public string FileName => $"{Version:D4}_{Name}.sql";

    /// <summary>Builds a migration from its file name (<c>NNNN_name.sql</c>) and text.</summary>
    /// <exception cref="ArgumentException">The file name does not follow the pattern.</exception>
    public static Migration FromFile(string fileName, string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        Match match = FileNamePattern().Match(fileName ?? "");
        if (!match.Success)
            throw new ArgumentException($"Migration file '{fileName}' must be named NNNN_name.sql (four digits, lower-case name).", nameof(fileName));
        return new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, sql);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
