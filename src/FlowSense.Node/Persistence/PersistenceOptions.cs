using Microsoft.Extensions.Configuration;

namespace FlowSense.Node.Persistence;

/// <summary>
/// Where the node keeps durable state, bound from <c>flowsense:persistence</c> (<c>flowsense.persistence</c> in
/// HOCON). PostgreSQL when a connection string is set (environment: <c>FLOWSENSE__PERSISTENCE__POSTGRES__CONNECTION-STRING</c>),
/// otherwise the embedded SQLite file, which needs no set-up.
/// </summary>
public sealed class PersistenceOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "flowsense:persistence";

    /// <summary>The embedded store.</summary>
    [ConfigurationKeyName("sqlite")]
    public SqliteStoreOptions Sqlite { get; set; } = new();

    /// <summary>The PostgreSQL store.</summary>
    [ConfigurationKeyName("postgres")]
    public PostgresStoreOptions Postgres { get; set; } = new();

    /// <summary>When symbol actors snapshot their state.</summary>
    [ConfigurationKeyName("symbol-snapshots")]
    public SymbolSnapshotSettings SymbolSnapshots { get; set; } = new();

    /// <summary>The time series symbol actors record (PostgreSQL only).</summary>
    [ConfigurationKeyName("sinks")]
    public TimeSeriesSinkSettings Sinks { get; set; } = new();

    /// <summary>True when PostgreSQL is configured (it then takes the place of SQLite).</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres.ConnectionString);

    /// <summary>True when the time-series sinks run: enabled, with PostgreSQL.</summary>
    public bool RecordsTimeSeries => UsesPostgres && Sinks.Enabled;
}

/// <summary><c>flowsense.persistence.sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file, relative to the folder holding hocon/; its folder is created when missing.</summary>
    [ConfigurationKeyName("path")]
    public string Path { get; set; } = "state/flowsense.db";
}

/// <summary><c>flowsense.persistence.postgres</c>.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string; empty uses SQLite. Never logged as is (the password is redacted).</summary>
    [ConfigurationKeyName("connection-string")]
    public string ConnectionString { get; set; } = "";
}

/// <summary><c>flowsense.persistence.symbol-snapshots</c>.</summary>
public sealed class SymbolSnapshotSettings
{
    /// <summary>Off keeps symbol state in memory only (nothing is recovered or resumed).</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary>Snapshot after this many events.</summary>
    [ConfigurationKeyName("every-events")]
    public int EveryEvents { get; set; } = 10_000;

    /// <summary>Snapshot this long after the first unsaved event.</summary>
    [ConfigurationKeyName("every")]
    public TimeSpan Every { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Snapshots kept per symbol.</summary>
    [ConfigurationKeyName("keep")]
    public int Keep { get; set; } = 2;
}
