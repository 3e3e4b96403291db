using FlowSense.Node.Configuration;

namespace FlowSense.Node.Tests.Configuration;

/// <summary>Every configuration problem is reported before the node starts, with the file, line and column of its key.</summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowsense-config-").FullName;

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_its_key()
    {
        string file = Overlay("""
            include "flowsense.conf"
            flowsense.node.replay.batch-size = lots
            """);
        var error = Assert.Throws<NodeConfigurationException>(() => Load(file));
        Assert.StartsWith($"{file}:2:36: flowsense.node.replay.batch-size: 'lots' is not a valid value", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_batches_in_flight_default_to_the_ingestion_graphs_and_are_bounded_at_their_key()
    {
        Assert.Equal(Pipeline.Ingestion.IngestionOptions.DefaultMaxBatchesInFlight, Load(Overlay("include \"flowsense.conf\"")).Node.Replay.BatchesInFlight);
        Assert.Equal(2, Load(Overlay("""
            include "flowsense.conf"
            flowsense.node.replay.batches-in-flight = 2
            """)).Node.Replay.BatchesInFlight);
        string file = Overlay("""
            include "flowsense.conf"
            flowsense.node.replay.batches-in-flight = 0
            """);
        var error = Assert.Throws<NodeConfigurationException>(() => Load(file));
        Assert.StartsWith($"{file}:2:43: flowsense.node.replay.batches-in-flight: 0 is not between 1 and 1024.", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_are_reported_with_file_line_and_column_all_at_once()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => Load(Overlay("""
            include "flowsense.conf"
            flowsense.node.replays {
              ibm {
                format = lena
              }
              kraken {
                format = capture
                venue = bitfinex
                file = "data/cryptofeed/KRAKEN.ws.50.0"
                speed = -2
              }
            }
            """)));
        string text = error.Message;
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(":4:14: flowsense.node.replays.ibm.format: 'lena' is not a replay format: lean, capture or itch.", text, StringComparison.Ordinal);
        Assert.Contains(":8:13: flowsense.node.replays.kraken.venue: 'bitfinex' is not a capture venue", text, StringComparison.Ordinal);
        Assert.Contains(":10:13: flowsense.node.replays.kraken.speed: '-2' is not a positive number or max.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_live_connectors_are_reported_at_their_keys()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => Load(Overlay("""
            include "flowsense.conf"
            flowsense.node.connectors {
              binance {
                venue = binance
                url = "https://stream.binance.com:9443"
                symbols = [BTCUSDT]
                backoff { min = 2s, max = 1s }
              }
              kraken {
                venue = krakken
                url = "wss://ws.kraken.com"
                symbols = []
              }
            }
            """)));
        string text = error.Message;
        Assert.Equal(5, error.Problems.Count);
        Assert.Contains(":5:11: flowsense.node.connectors.binance.url: 'https://stream.binance.com:9443' is not a websocket address", text, StringComparison.Ordinal);
        Assert.Contains(": flowsense.node.connectors.binance.rest-url: '' is not an http(s) address; binance books start from REST snapshots.", text, StringComparison.Ordinal);
        Assert.Contains(":7:31: flowsense.node.connectors.binance.backoff.max: must be at least backoff.min", text, StringComparison.Ordinal);
        Assert.Contains(":10:13: flowsense.node.connectors.kraken.venue: 'krakken' is not a venue: binance, coinbase, kraken, bitstamp.", text, StringComparison.Ordinal);
        Assert.Contains("flowsense.node.connectors.kraken.symbols: name the symbols as the venue writes them", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_connector_binds_every_key()
    {
        string file = Overlay("""
            include "flowsense.conf"
            flowsense.node.connectors.kraken {
              venue = kraken
              url = "wss://ws.kraken.com"
              symbols = ["XBT/USD", "ETH/USD"]
              enabled = false
              backoff { min = 100ms, max = 10s, random-factor = 0.5 }
            }
            """);
        var connector = Load(file).Node.Connectors["kraken"];
        Assert.Equal(["XBT/USD", "ETH/USD"], connector.Symbols);
        Assert.False(connector.Enabled);
        Assert.Null(connector.RestUrl); // Kraken snapshots over the stream
        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), 0.5), (connector.Backoff.Min, connector.Backoff.Max, connector.Backoff.RandomFactor));
    }

    [Fact]
    public void A_missing_data_file_names_the_key_and_the_path_it_resolved_to()
    {
        string file = Overlay("""
            include "flowsense.conf"
            flowsense.node.replays.x { format = capture, venue = kraken, file = "data/nope.capture" }
            """);
        var error = Assert.Throws<NodeConfigurationException>(() => Load(file));
        string problem = Assert.Single(error.Problems);
        Assert.StartsWith($"{file}:2:", problem, StringComparison.Ordinal);
        Assert.Contains("flowsense.node.replays.x.file: the file " + Path.Combine(_folder, "data", "nope.capture") + " does not exist.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_its_position()
    {
        string file = Overlay("""
            include "flowsense.conf"
            flowsense.node {
              id = "a"
              replay { speed = [1, 2 }
            }
            """);
        var error = Assert.Throws<NodeConfigurationException>(() => Load(file));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(file)}:4:\\d+: ", Assert.Single(error.Problems));
    }

    [Fact]
    public void A_public_management_address_without_a_token_is_refused_at_its_key()
    {
        string file = Overlay("""
            include "flowsense.conf"
            flowsense.node.management.url = "http://0.0.0.0:9100"
            """);
        var error = Assert.Throws<NodeConfigurationException>(() => Load(file));
        string problem = Assert.Single(error.Problems);
        Assert.StartsWith($"{file}:2:", problem, StringComparison.Ordinal);
        Assert.Contains("not a loopback address, and no token is set", problem, StringComparison.Ordinal);
        Assert.Contains("FLOWSENSE__NODE__MANAGEMENT__TOKEN", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_line_override_is_named_as_such()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.Load(RepositoryRoot.File("hocon", "single-node.conf"),
            new Dictionary<string, string?> { ["flowsense:node:replay:speed"] = "fast" }, environmentVariables: false));
        Assert.Equal("command line: flowsense.node.replay.speed: 'fast' is not a positive number or max.", Assert.Single(error.Problems));
    }

    [Fact]
    public void The_shipped_overlays_are_valid()
    {
        foreach (string overlay in new[] { "single-node.conf", "test.conf" })
        {
            var configuration = NodeConfiguration.Load(RepositoryRoot.File("hocon", overlay), environmentVariables: false);
            Assert.Equal(ManagementDefaults.Url, configuration.Management.Url);
        }
        var main = NodeConfiguration.Load(RepositoryRoot.File("hocon", "single-node.conf"), environmentVariables: false);
        Assert.Equal(["coinbase", "ibm", "kraken"], main.Node.Replays.Keys.Order());
        Assert.Empty(main.Node.Connectors); // the main job needs no network
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)], main.Node.Symbols.BarTimeFrames);
    }

    [Fact]
    public void The_time_series_sinks_default_to_every_table_with_back_pressure_and_bind_every_key()
    {
        var defaults = Load(Overlay("include \"flowsense.conf\"")).Persistence;
        Assert.False(defaults.RecordsTimeSeries); // SQLite: no sinks
        Assert.True(defaults.Sinks.Enabled && !defaults.Sinks.DropsWhenFull);
        Assert.Equal((10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), (defaults.Sinks.BookTop.Depth, defaults.Sinks.BookTop.Interval, defaults.Sinks.Features.Interval));

        var sinks = Load(Overlay("""
            include "flowsense.conf"
            flowsense.persistence.postgres.connection-string = "Host=127.0.0.1;Database=flowsense"
            flowsense.persistence.sinks {
              when-full = drop
              buffer = 1000
              batch-size = 100
              flush-interval = 50ms
              retention-days = 7
              quotes.enabled = false
              book-top { depth = 5, interval = 250ms }
              features { enabled = false, interval = 5s }
            }
            """)).Persistence;
        Assert.True(sinks.RecordsTimeSeries);
        Assert.True(sinks.Sinks.DropsWhenFull);
        Assert.Equal((1000, 100, TimeSpan.FromMilliseconds(50), 7), (sinks.Sinks.Buffer, sinks.Sinks.BatchSize, sinks.Sinks.FlushInterval, sinks.Sinks.RetentionDays));
        Assert.Equal((true, false, true, true, false), (sinks.Sinks.Trades.Enabled, sinks.Sinks.Quotes.Enabled, sinks.Sinks.Bars.Enabled, sinks.Sinks.BookTop.Enabled, sinks.Sinks.Features.Enabled));
        Assert.Equal((5, TimeSpan.FromMilliseconds(250)), (sinks.Sinks.BookTop.Depth, sinks.Sinks.BookTop.Interval));
    }

    [Fact]
    public void Bad_time_series_settings_are_reported_at_their_keys()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => Load(Overlay("""
            include "flowsense.conf"
            flowsense.persistence.sinks {
              when-full = block
              buffer = 0
              book-top.interval = 0s
            }
            """)));
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(":3:15: flowsense.persistence.sinks.when-full: 'block' is not back-pressure or drop.", error.Message, StringComparison.Ordinal);
        Assert.Contains(":4:12: flowsense.persistence.sinks.buffer: must be at least 1.", error.Message, StringComparison.Ordinal);
        Assert.Contains("flowsense.persistence.sinks.book-top.interval: must be positive.", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static NodeConfiguration Load(string file) => NodeConfiguration.Load(file, environmentVariables: false);

    /// <summary>An overlay in a temporary hocon/ folder beside a copy of flowsense.conf, so relative data paths resolve against the repository.</summary>
    private string Overlay(string text)
    {
        // Relative data paths resolve against the parent of the overlay's folder: put the overlay in <repo>/hocon's twin.
        string hocon = Path.Combine(_folder, "hocon");
        Directory.CreateDirectory(hocon);
        File.Copy(RepositoryRoot.File("hocon", "flowsense.conf"), Path.Combine(hocon, "flowsense.conf"), overwrite: true);
        if (!Directory.Exists(Path.Combine(_folder, "data")))
            Directory.CreateSymbolicLink(Path.Combine(_folder, "data"), RepositoryRoot.File("data"));
        string file = Path.Combine(hocon, $"overlay-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, text);
        return file;
    }

    private static class ManagementDefaults
    {
        public const string Url = FlowSense.Management.Endpoint.ManagementOptions.DefaultUrl;
    }
}
