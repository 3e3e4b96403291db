using Microsoft.Extensions.Configuration;

namespace FlowSense.Node.Persistence;

/// <summary>
/// <c>flowsense.persistence.sinks</c>: the time series symbol actors record into PostgreSQL (trades, quotes, bars,
/// sampled book tops and features). On by default when PostgreSQL is configured; with SQLite there are none.
/// </summary>
public sealed class TimeSeriesSinkSettings
{
    /// <summary>What <see cref="WhenFull"/> accepts: a full buffer slows ingestion.</summary>
    public const string BackPressure = "back-pressure";

    /// <summary>What <see cref="WhenFull"/> accepts: a full buffer drops the row and counts it.</summary>
    public const string Drop = "drop";

    /// <summary>False records nothing even with PostgreSQL.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary><see cref="BackPressure"/> or <see cref="Drop"/>.</summary>
    [ConfigurationKeyName("when-full")]
    public string WhenFull { get; set; } = BackPressure;

    /// <summary>Rows buffered per table before <see cref="WhenFull"/> applies.</summary>
    [ConfigurationKeyName("buffer")]
    public int Buffer { get; set; } = 200_000;

    /// <summary>Rows per COPY batch.</summary>
    [ConfigurationKeyName("batch-size")]
    public int BatchSize { get; set; } = 50_000;

    /// <summary>A batch is loaded this long after its first row at the latest.</summary>
    [ConfigurationKeyName("flush-interval")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Day partitions older than this many days (by the wall clock) are dropped at start; 0 keeps them all.</summary>
    [ConfigurationKeyName("retention-days")]
    public int RetentionDays { get; set; }

    /// <summary>Every applied trade.</summary>
    [ConfigurationKeyName("trades")]
    public TableSwitch Trades { get; set; } = new();

    /// <summary>Every applied quote.</summary>
    [ConfigurationKeyName("quotes")]
    public TableSwitch Quotes { get; set; } = new();

    /// <summary>Every closed bar, of every time frame.</summary>
    [ConfigurationKeyName("bars")]
    public TableSwitch Bars { get; set; } = new();

    /// <summary>The book's top levels, sampled per interval of exchange time.</summary>
    [ConfigurationKeyName("book-top")]
    public BookTopSwitch BookTop { get; set; } = new();

    /// <summary>The features, sampled per interval of exchange time.</summary>
    [ConfigurationKeyName("features")]
    public SampledTableSwitch Features { get; set; } = new();

    /// <summary>True when a full buffer drops rows instead of slowing ingestion.</summary>
    public bool DropsWhenFull => string.Equals(WhenFull, Drop, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A table that can be switched off.</summary>
public class TableSwitch
{
    /// <summary>False records nothing into the table.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;
}

/// <summary>A table of samples taken once per interval of exchange time.</summary>
public class SampledTableSwitch : TableSwitch
{
    /// <summary>The sampling interval (exchange time, never the wall clock).</summary>
    [ConfigurationKeyName("interval")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary><c>book-top</c>: sampled, with a depth.</summary>
public sealed class BookTopSwitch : SampledTableSwitch
{
    /// <summary>Levels per side.</summary>
    [ConfigurationKeyName("depth")]
    public int Depth { get; set; } = 10;
}
