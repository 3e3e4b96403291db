using Npgsql;

namespace FlowSense.Actors.Persistence.PostgreSql;

/// <summary>Connection strings as they may be shown: in logs, reports and error messages.</summary>
public static class ConnectionStrings
{
    /// <summary>
    /// <paramref name="connectionString"/> with its password (and any other secret Npgsql knows) replaced by
    /// <c>***</c>; a string Npgsql cannot parse is not echoed at all.
    /// </summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
                builder.Password = "***";
            if (!string.IsNullOrEmpty(builder.SslPassword))
                builder.SslPassword = "***";
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(a connection string that could not be parsed)";
        }
    }
}
