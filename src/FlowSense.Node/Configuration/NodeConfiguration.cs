using System.Globalization;
using System.Text.RegularExpressions;
using FlowSense.Actors;
using FlowSense.Actors.Configuration;
using FlowSense.Management.Endpoint;
using FlowSense.Node.Connectors;
using FlowSense.Node.Persistence;
using Microsoft.Extensions.Configuration;

namespace FlowSense.Node.Configuration;

/// <summary>
/// The node's configuration: a HOCON overlay from <c>hocon/</c> (which includes <c>flowsense.conf</c>), then environment
/// variables (<c>FLOWSENSE__NODE__REPLAY__SPEED=max</c>), then command-line overrides. <see cref="Load"/> binds and
/// validates everything before the node starts; each problem names the file, line and column of the offending key
/// (or the environment variable or option that set it), so a typo is fixed without a debugger.
/// </summary>
public sealed partial class NodeConfiguration
{
    /// <summary>The overlay used when none is given: one node, no cluster.</summary>
    public const string DefaultOverlay = "hocon/single-node.conf";

    private readonly HoconConfig _hocon;
    private readonly IReadOnlyDictionary<string, string?> _overrides;

    private NodeConfiguration(string file, HoconConfig hocon, IConfiguration configuration, IReadOnlyDictionary<string, string?> overrides)
    {
        ConfigFile = file;
        _hocon = hocon;
        _overrides = overrides;
        Configuration = configuration;
        // Files named in the configuration are relative to the folder that holds hocon/ (the repository root).
        RootDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(file))) ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The overlay file that was loaded.</summary>
    public string ConfigFile { get; }

    /// <summary>Where relative file paths of the configuration resolve: the parent of the overlay's folder.</summary>
    public string RootDirectory { get; }

    /// <summary>Every key, for the actor system and other components that bind their own sections.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>The node's own settings.</summary>
    public NodeOptions Node { get; private set; } = new();

    /// <summary>The management endpoint's settings.</summary>
    public ManagementOptions Management { get; private set; } = new();

    /// <summary>Where durable state goes (<c>flowsense.persistence</c>).</summary>
    public PersistenceOptions Persistence { get; private set; } = new();

    /// <summary>The actor system's settings.</summary>
    public ActorSystemOptions ActorSystem { get; private set; } = new();

    /// <summary>
    /// Reads, binds and validates <paramref name="file"/> with environment variables and <paramref name="overrides"/>
    /// (flat keys such as <c>flowsense:node:replay:speed</c>) on top.
    /// </summary>
    /// <exception cref="NodeConfigurationException">Any problem, each with its file:line:column.</exception>
    public static NodeConfiguration Load(string file, IReadOnlyDictionary<string, string?>? overrides = null, bool environmentVariables = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        overrides ??= new Dictionary<string, string?>();
        if (!File.Exists(file))
            throw new NodeConfigurationException([$"{file}: the configuration file was not found (give --config a file under hocon/, e.g. {DefaultOverlay})."]);
        HoconConfig hocon;
        try
        {
            hocon = HoconConfig.LoadFile(file);
        }
        catch (HoconException ex)
        {
            throw new NodeConfigurationException([ex.Message], ex);
        }

        var builder = new ConfigurationBuilder().AddHoconFile(file);
        if (environmentVariables)
            builder.AddEnvironmentVariables();
        builder.AddInMemoryCollection(overrides);
        var configuration = new NodeConfiguration(file, hocon, builder.Build(), overrides);
        configuration.BindAndValidate();
        return configuration;
    }

    /// <summary>
    /// The default overlay: <see cref="DefaultOverlay"/> under the working directory or the nearest folder above it,
    /// else above the program's own folder (so <c>dotnet run</c> works from anywhere inside the clone).
    /// </summary>
    public static string FindDefaultOverlay()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, DefaultOverlay);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return DefaultOverlay;
    }

    /// <summary>A file named by the configuration, made absolute against <see cref="RootDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(RootDirectory, path));

    /// <summary>Where the value of <paramref name="key"/> (flat, colon-separated) came from: <c>file:line:column</c>, an environment variable, or the command line.</summary>
    public string Origin(string key)
    {
        if (_overrides.Keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)))
            return "command line";
        string variable = key.Replace(":", "__", StringComparison.Ordinal);
        foreach (string name in new[] { variable, variable.ToUpperInvariant() })
        {
            if (Environment.GetEnvironmentVariable(name) is not null)
                return $"environment variable {name}";
        }
        string path = key.Replace(':', '.');
        // The binder names properties in their C# casing; the files use lower-case keys.
        return (_hocon.GetValue(path) ?? _hocon.GetValue(path.ToLowerInvariant()))?.Position.ToString() ?? ConfigFile;
    }

    private void BindAndValidate()
    {
        var problems = new List<string>();
        Node = Bind(NodeOptions.Section, () => Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions(), problems);
        Management = Bind(ManagementOptions.Section, () => Configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>() ?? new ManagementOptions(), problems);
        Persistence = Bind(PersistenceOptions.Section,
            () => Configuration.GetSection(PersistenceOptions.Section).Get<PersistenceOptions>() ?? new PersistenceOptions(), problems);
        ActorSystem = Bind(ActorSystemOptions.SectionName, () => ActorSystemOptions.FromConfiguration(Configuration), problems);
        if (problems.Count == 0)
            ReadInstrumentSettings(problems);
        if (problems.Count == 0)
            Validate(problems);
        if (problems.Count > 0)
            throw new NodeConfigurationException(problems);
    }

    private T Bind<T>(string section, Func<T> bind, List<string> problems) where T : new()
    {
        try
        {
            return bind();
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key it could not convert: "... at 'flowsense:node:replay:batch-size' to type ...".
            Match key = BinderKey().Match(ex.Message);
            string at = key.Success ? key.Groups[1].Value : section;
            problems.Add($"{Origin(at)}: {Dotted(at)}: '{Configuration[at]}' is not a valid value ({ex.InnerException?.Message ?? ex.Message}).");
        }
        catch (ArgumentOutOfRangeException ex)
        {
            problems.Add($"{Origin(section)}: {ex.Message.Split(" (Parameter", 2)[0]}");
        }
        return new T();
    }

    private void Validate(List<string> problems)
    {
        void Problem(string key, string text) => problems.Add($"{Origin(key)}: {Dotted(key)}: {text}");

        try
        {
            Management.Validate();
        }
        catch (ManagementConfigurationException ex)
        {
            problems.Add($"{Origin(ManagementOptions.Section + ":url")}: {ex.Message}");
        }

        const string replay = NodeOptions.Section + ":replay";
        if (!SpeedSetting.TryParse(Node.Replay.Speed, out _))
            Problem(replay + ":speed", $"'{Node.Replay.Speed}' is not a positive number or max.");
        if (Node.Replay.BatchSize is < 1 or > 65_536)
            Problem(replay + ":batch-size", $"{Node.Replay.BatchSize} is not between 1 and 65536.");
        if (Node.Replay.BatchesInFlight is < 1 or > 1_024)
            Problem(replay + ":batches-in-flight", $"{Node.Replay.BatchesInFlight} is not between 1 and 1024.");
        if (Node.Console.Refresh <= TimeSpan.Zero)
            Problem(NodeOptions.Section + ":console:refresh", "must be positive.");
        if (Node.Console.ProgressInterval <= TimeSpan.Zero)
            Problem(NodeOptions.Section + ":console:progress-interval", "must be positive.");
        ValidateSymbols(Problem);
        const string snapshots = PersistenceOptions.Section + ":symbol-snapshots";
        if (Persistence.SymbolSnapshots.EveryEvents < 1)
            Problem(snapshots + ":every-events", "must be at least 1.");
        if (Persistence.SymbolSnapshots.Every <= TimeSpan.Zero)
            Problem(snapshots + ":every", "must be positive.");
        if (Persistence.SymbolSnapshots.Keep < 1)
            Problem(snapshots + ":keep", "must be at least 1.");
        ValidateSinks(Problem);
        foreach ((string name, ReplaySourceOptions source) in Node.Replays)
            ValidateReplay($"{NodeOptions.Section}:replays:{name}", source, Problem);
        foreach ((string name, LiveConnectorOptions connector) in Node.Connectors)
            ValidateConnector($"{NodeOptions.Section}:connectors:{name}", connector, Problem);
    }

    private static void ValidateConnector(string key, LiveConnectorOptions connector, Action<string, string> problem)
    {
        string? venue = connector.Venue?.ToLowerInvariant();
        bool known = ReplayFormats.CaptureVenues.Contains(venue);
        if (!known)
            problem(key + ":venue", $"'{connector.Venue}' is not a venue: {string.Join(", ", ReplayFormats.CaptureVenues)}.");
        if (!Uri.TryCreate(connector.Url, UriKind.Absolute, out Uri? url) || url.Scheme is not ("ws" or "wss"))
            problem(key + ":url", $"'{connector.Url}' is not a websocket address such as wss://ws.kraken.com.");
        if (known && LiveVenues.Create(venue!).SnapshotsOverRest
            && (!Uri.TryCreate(connector.RestUrl, UriKind.Absolute, out Uri? rest) || rest.Scheme is not ("http" or "https")))
            problem(key + ":rest-url", $"'{connector.RestUrl}' is not an http(s) address; {venue} books start from REST snapshots.");
        if (connector.Symbols.Count == 0 || connector.Symbols.Any(string.IsNullOrWhiteSpace))
            problem(key + ":symbols", "name the symbols as the venue writes them, e.g. [\"XBT/USD\"].");
        BackoffSettings backoff = connector.Backoff;
        if (backoff.Min <= TimeSpan.Zero)
            problem(key + ":backoff:min", "must be positive.");
        if (backoff.Max < backoff.Min)
            problem(key + ":backoff:max", $"must be at least backoff.min ({backoff.Min}).");
        if (backoff.RandomFactor < 0 || double.IsNaN(backoff.RandomFactor))
            problem(key + ":backoff:random-factor", "must not be negative.");
    }

    /// <summary>
    /// <c>symbols."VENUE:SYMBOL".vpin-bucket-volume</c>: the colon makes it two levels here, a venue section holding a
    /// symbol section (a symbol may hold '/' or '-', as Kraken's and Coinbase's do).
    /// </summary>
    private void ReadInstrumentSettings(List<string> problems)
    {
        foreach (IConfigurationSection venue in Configuration.GetSection(NodeOptions.Section + ":symbols").GetChildren())
        {
            foreach (IConfigurationSection symbol in venue.GetChildren())
            {
                if (symbol.GetSection("vpin-bucket-volume") is not { Value: { } text } setting)
                    continue;
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal volume) && volume > 0)
                    Node.Symbols.VpinBucketVolumes[new MarketData.Instruments.InstrumentId(venue.Key.ToUpperInvariant(), symbol.Key)] = volume;
                else
                    problems.Add($"{Origin(setting.Path)}: {Dotted(setting.Path)}: '{text}' is not a positive volume in the instrument's units.");
            }
        }
    }

    private void ValidateSymbols(Action<string, string> problem)
    {
        const string symbols = NodeOptions.Section + ":symbols";
        if (Node.Symbols.VpinBucketsPerDay < 1)
            problem(symbols + ":vpin-buckets-per-day", "must be at least 1.");
        foreach ((string venue, decimal volume) in Node.Symbols.VpinVenueBucketVolume)
        {
            if (volume <= 0)
                problem($"{symbols}:vpin-venue-bucket-volume:{venue}", "must be a positive volume in the instruments' units.");
        }
        foreach ((string name, LiveConnectorOptions connector) in Node.Connectors.Where(c => c.Value.Enabled))
        {
            string? venue = connector.Venue?.ToUpperInvariant();
            if (venue is not null && ReplayFormats.CaptureVenues.Contains(venue.ToLowerInvariant()) && Node.Symbols.VenueBucketVolume(venue) is null)
                problem($"{symbols}:vpin-venue-bucket-volume", $"connector '{name}' needs a VPIN bucket volume for venue {venue}.");
        }
        if (Node.Symbols.ShardCount < 1)
            problem(symbols + ":shard-count", "must be at least 1.");
        if (Node.Symbols.BarHistory < 1)
            problem(symbols + ":bar-history", "must be at least 1.");
        if (Node.Symbols.Dispatcher is not (Actors.Dispatchers.LanesId or Actors.Dispatchers.DefaultId))
            problem(symbols + ":dispatcher", $"'{Node.Symbols.Dispatcher}' is not {Actors.Dispatchers.LanesId} or {Actors.Dispatchers.DefaultId}.");
        if (Node.Symbols.PassivateIdleAfter < TimeSpan.Zero)
            problem(symbols + ":passivate-idle-after", "must not be negative.");
        List<TimeSpan> frames = Node.Symbols.BarTimeFrames;
        if (frames.Count == 0)
            problem(symbols + ":bar-time-frames", "name at least one time frame, e.g. [1s, 1m].");
        else if (frames.Any(f => f <= TimeSpan.Zero || f.Ticks % frames.Min().Ticks != 0))
            problem(symbols + ":bar-time-frames", "every time frame must be positive and a multiple of the shortest.");
    }

    private void ValidateSinks(Action<string, string> problem)
    {
        const string sinks = PersistenceOptions.Section + ":sinks";
        TimeSeriesSinkSettings s = Persistence.Sinks;
        if (!string.Equals(s.WhenFull, TimeSeriesSinkSettings.BackPressure, StringComparison.OrdinalIgnoreCase) && !s.DropsWhenFull)
            problem(sinks + ":when-full", $"'{s.WhenFull}' is not {TimeSeriesSinkSettings.BackPressure} or {TimeSeriesSinkSettings.Drop}.");
        if (s.Buffer < 1)
            problem(sinks + ":buffer", "must be at least 1.");
        if (s.BatchSize < 1)
            problem(sinks + ":batch-size", "must be at least 1.");
        if (s.FlushInterval <= TimeSpan.Zero)
            problem(sinks + ":flush-interval", "must be positive.");
        if (s.RetentionDays < 0)
            problem(sinks + ":retention-days", "must not be negative (0 keeps every day).");
        if (s.BookTop.Depth < 1)
            problem(sinks + ":book-top:depth", "must be at least 1.");
        if (s.BookTop.Interval <= TimeSpan.Zero)
            problem(sinks + ":book-top:interval", "must be positive.");
        if (s.Features.Interval <= TimeSpan.Zero)
            problem(sinks + ":features:interval", "must be positive.");
    }

    private void ValidateReplay(string key, ReplaySourceOptions source, Action<string, string> problem)
    {
        if (!SpeedSetting.TryParse(source.Speed, out _))
            problem(key + ":speed", $"'{source.Speed}' is not a positive number or max.");
        switch (source.Format?.ToLowerInvariant())
        {
            case ReplayFormats.Lean:
                RequireFile(key + ":trades", source.Trades, problem);
                RequireFile(key + ":quotes", source.Quotes, problem);
                if (string.IsNullOrWhiteSpace(source.Symbol))
                    problem(key + ":symbol", "a lean replay needs the ticker, e.g. symbol = IBM.");
                break;
            case ReplayFormats.Capture:
                RequireFile(key + ":file", source.File, problem);
                if (!ReplayFormats.CaptureVenues.Contains(source.Venue?.ToLowerInvariant()))
                    problem(key + ":venue", $"'{source.Venue}' is not a capture venue: {string.Join(", ", ReplayFormats.CaptureVenues)}.");
                break;
            case ReplayFormats.Itch:
                RequireFile(key + ":file", source.File, problem);
                if (!DateOnly.TryParseExact(source.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    problem(key + ":date", $"'{source.Date}' is not a session date such as 2010-12-24.");
                break;
            default:
                problem(key + ":format", $"'{source.Format}' is not a replay format: {ReplayFormats.Lean}, {ReplayFormats.Capture} or {ReplayFormats.Itch}.");
                break;
        }
    }

    private void RequireFile(string key, string? path, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(path))
            problem(key, "is required.");
        else if (!File.Exists(ResolvePath(path)))
            problem(key, $"the file {ResolvePath(path)} does not exist.");
    }

    private static string Dotted(string key) => key.Replace(':', '.');

    [GeneratedRegex("at '([^']+)'")]
    private static partial Regex BinderKey();
}
