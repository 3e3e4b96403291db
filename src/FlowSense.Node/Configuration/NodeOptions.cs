using Microsoft.Extensions.Configuration;

namespace FlowSense.Node.Configuration;

/// <summary>
/// The node's settings, bound from <c>flowsense:node</c> (<c>flowsense.node</c> in HOCON; every key is documented in
/// <c>hocon/flowsense.conf</c>). The management endpoint's settings bind separately into
/// <see cref="Management.Endpoint.ManagementOptions"/>.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "flowsense:node";

    /// <summary>This node's name in logs, metrics and the management endpoint.</summary>
    [ConfigurationKeyName("id")]
    public string Id { get; set; } = "node-1";

    /// <summary>single or cluster.</summary>
    [ConfigurationKeyName("role")]
    public string Role { get; set; } = "single";

    /// <summary>How every replay is paced and what happens after them.</summary>
    [ConfigurationKeyName("replay")]
    public ReplayDefaults Replay { get; set; } = new();

    /// <summary>The replays (ingestion graphs over recorded files) the node runs at start, by name.</summary>
    [ConfigurationKeyName("replays")]
    public Dictionary<string, ReplaySourceOptions> Replays { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The live websocket connectors the node runs, by name; each under a backoff supervisor.</summary>
    [ConfigurationKeyName("connectors")]
    public Dictionary<string, LiveConnectorOptions> Connectors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How symbol actors process their instruments.</summary>
    [ConfigurationKeyName("symbols")]
    public SymbolDefaults Symbols { get; set; } = new();

    /// <summary>The console view.</summary>
    [ConfigurationKeyName("console")]
    public ConsoleOptions Console { get; set; } = new();
}

/// <summary>Settings shared by every replay (<c>flowsense.node.replay</c>).</summary>
public sealed class ReplayDefaults
{
    /// <summary>Multiplies every replay's own speed; <c>max</c> replays as fast as the pipeline takes events.</summary>
    [ConfigurationKeyName("speed")]
    public string Speed { get; set; } = "1";

    /// <summary>Events per batch (one stream element, one acknowledgement).</summary>
    [ConfigurationKeyName("batch-size")]
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// Batches each replay or live connector has out at once, not yet acknowledged by every symbol
    /// (<see cref="Pipeline.Ingestion.IngestionOptions.MaxBatchesInFlight"/>): under load, the bound on the latency from decoding.
    /// </summary>
    [ConfigurationKeyName("batches-in-flight")]
    public int BatchesInFlight { get; set; } = Pipeline.Ingestion.IngestionOptions.DefaultMaxBatchesInFlight;

    /// <summary>After the replays: keep serving the management endpoint until stopped (true) or shut down (false).</summary>
    [ConfigurationKeyName("keep-serving")]
    public bool KeepServing { get; set; }
}

/// <summary>One replay (<c>flowsense.node.replays.NAME</c>).</summary>
public sealed class ReplaySourceOptions
{
    /// <summary>lean (a day of LEAN trade and quote ticks), capture (a cryptofeed websocket capture) or itch (NASDAQ ITCH 5.0).</summary>
    [ConfigurationKeyName("format")]
    public string? Format { get; set; }

    /// <summary>False leaves the replay declared but not run.</summary>
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary>capture, itch: the file.</summary>
    [ConfigurationKeyName("file")]
    public string? File { get; set; }

    /// <summary>lean: the trade tick zip.</summary>
    [ConfigurationKeyName("trades")]
    public string? Trades { get; set; }

    /// <summary>lean: the quote tick zip.</summary>
    [ConfigurationKeyName("quotes")]
    public string? Quotes { get; set; }

    /// <summary>capture: binance, coinbase, kraken or bitstamp (the codec); lean: the venue of the instrument id.</summary>
    [ConfigurationKeyName("venue")]
    public string? Venue { get; set; }

    /// <summary>lean: the ticker.</summary>
    [ConfigurationKeyName("symbol")]
    public string? Symbol { get; set; }

    /// <summary>itch: the session date (yyyy-MM-dd), which ITCH's nanoseconds-since-midnight stamps need.</summary>
    [ConfigurationKeyName("date")]
    public string? Date { get; set; }

    /// <summary>The recorded pace scaled by this factor (1 = as recorded), or <c>max</c>.</summary>
    [ConfigurationKeyName("speed")]
    public string Speed { get; set; } = "1";
}

/// <summary>How symbol actors process their instruments (<c>flowsense.node.symbols</c>).</summary>
public sealed class SymbolDefaults
{
    /// <summary>Bar time frames, each a multiple of the shortest.</summary>
    [ConfigurationKeyName("bar-time-frames")]
    public List<TimeSpan> BarTimeFrames { get; set; } = [];

    /// <summary>Closed bars each symbol keeps for queries, per time frame.</summary>
    [ConfigurationKeyName("bar-history")]
    public int BarHistory { get; set; } = 120;

    /// <summary>N in shard = hash(symbol) mod N.</summary>
    [ConfigurationKeyName("shard-count")]
    public int ShardCount { get; set; } = 256;

    /// <summary>Stop a symbol actor idle this long (re-created on its next event); zero never passivates.</summary>
    [ConfigurationKeyName("passivate-idle-after")]
    public TimeSpan PassivateIdleAfter { get; set; }

    /// <summary>
    /// Where symbol actors run: <c>lanes</c> (<see cref="Actors.Dispatchers.LanesId"/>: a thread per core, each symbol
    /// pinned to one) or <c>default</c> (the .NET thread pool).
    /// </summary>
    [ConfigurationKeyName("dispatcher")]
    public string Dispatcher { get; set; } = Actors.Dispatchers.LanesId;

    /// <summary>VPIN buckets per day of average volume: a replay's bucket volume is its instrument's ADV over this (the paper's 50).</summary>
    [ConfigurationKeyName("vpin-buckets-per-day")]
    public int VpinBucketsPerDay { get; set; } = 50;

    /// <summary>The VPIN bucket volume, in instrument units, of live instruments by venue (they have no data to size it from at start).</summary>
    [ConfigurationKeyName("vpin-venue-bucket-volume")]
    public Dictionary<string, decimal> VpinVenueBucketVolume { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <c>symbols."VENUE:SYMBOL".vpin-bucket-volume</c>: an instrument's VPIN bucket volume in its own units. Read by
    /// <see cref="NodeConfiguration"/>, not the binder: the colon of VENUE:SYMBOL is the configuration's path separator.
    /// </summary>
    public Dictionary<MarketData.Instruments.InstrumentId, decimal> VpinBucketVolumes { get; } = [];

    /// <summary>The live default of <paramref name="venue"/> (any case), if configured.</summary>
    public decimal? VenueBucketVolume(string venue) =>
        VpinVenueBucketVolume.FirstOrDefault(p => string.Equals(p.Key, venue, StringComparison.OrdinalIgnoreCase)) is { Key: not null } p ? p.Value : null;
}

/// <summary>The console view (<c>flowsense.node.console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>How often the live view redraws on a terminal.</summary>
    [ConfigurationKeyName("refresh")]
    public TimeSpan Refresh { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a plain progress line is printed when the output is not a terminal (CI, a pipe).</summary>
    [ConfigurationKeyName("progress-interval")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Symbols shown in the live view (the busiest first).</summary>
    [ConfigurationKeyName("max-symbols")]
    public int MaxSymbols { get; set; } = 20;
}
