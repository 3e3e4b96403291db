using System.Globalization;
using System.Text.RegularExpressions;
using FlowSense.Management.Client;
using FlowSense.Node.Hosting;

namespace FlowSense.Node.Tests.Management;

/// <summary>One in-process node (NodeHost, ephemeral port) that has replayed the shipped data, shared by the tests of a class.</summary>
public sealed class ReplayedNode : IAsyncLifetime
{
    public FlowSenseNode Node { get; private set; } = null!;

    public ManagementClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await NodeHost.StartAsync(new NodeHostOptions { ConfigFile = RepositoryRoot.File("hocon", "single-node.conf"), Speed = "max" });
        await Node.ReplaysFinished.WaitAsync(TimeSpan.FromMinutes(2));
        Client = ManagementClient.Connect(Node.ManagementAddress!.Authority);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Node.DisposeAsync();
    }
}

/// <summary>The management client against a node that has replayed the shipped data.</summary>
public sealed class LiveNodeTests(ReplayedNode replayed) : IClassFixture<ReplayedNode>
{
    private readonly FlowSenseNode _node = replayed.Node;
    private readonly ManagementClient _client = replayed.Client;

    [Fact]
    public async Task Symbols_books_features_bars_and_counters_are_served_for_every_symbol()
    {
        var symbols = (await _client.GetSymbolsAsync()).Symbols;
        NodeSummary summary = _node.Summary();
        Assert.Equal(summary.Symbols.Select(s => s.Symbol).Order(), symbols.Select(s => s.Symbol).Order());
        Assert.Contains(symbols, s => s.Symbol == "USA:IBM");

        // A Kraken pair has a '/' in its name: it must survive the URL.
        var book = await _client.GetBookAsync("KRAKEN:XBT/CHF", depth: 5);
        Assert.Equal(5, book.Bids.Count);
        Assert.Equal(5, book.Asks.Count);
        Assert.False(book.Crossed);
        Assert.True(book.Bids.Zip(book.Bids.Skip(1)).All(p => p.First.Price > p.Second.Price), "bids best first");
        Assert.True(book.Asks.Zip(book.Asks.Skip(1)).All(p => p.First.Price < p.Second.Price), "asks best first");
        Assert.True(book.Bids[0].Price < book.Asks[0].Price);

        var features = await _client.GetFeaturesAsync("KRAKEN:XBT/CHF");
        Assert.Equal(book.Bids[0].Price, features.BestBid);
        Assert.Equal(book.Asks[0].Price, features.BestAsk);
        Assert.InRange(features.Microprice!.Value, (double)features.BestBid!.Value, (double)features.BestAsk!.Value);
        Assert.Equal(10, features.OfiByLevel.Count); // the default M, over a book deeper than that
        Assert.Contains(features.OfiByLevel, level => level != 0);

        var bars = await _client.GetBarsAsync("USA:IBM", 3);
        Assert.Equal("1s", bars.TimeFrame);
        Assert.Equal(3, bars.Bars.Count);
        Assert.All(bars.Bars, b => Assert.InRange(b.Close, b.Low, b.High));

        foreach (var line in summary.Symbols)
        {
            var counters = await _client.GetCountersAsync(line.Symbol);
            Assert.Equal(line.Applied, counters.Applied);
        }
    }

    [Fact]
    public async Task An_unknown_symbol_is_reported_as_such_and_creates_no_actor()
    {
        int actors = (await _client.GetActorsAsync()).ActorCount;
        var error = await Assert.ThrowsAsync<ManagementException>(() => _client.GetBookAsync("NASDAQ:NOPE"));
        Assert.Equal(ManagementErrorKind.UnknownSymbol, error.Kind);
        Assert.Equal(actors, (await _client.GetActorsAsync()).ActorCount);
    }

    [Fact]
    public async Task The_hierarchy_shows_symbol_actors_under_their_shards()
    {
        var hierarchy = await _client.GetActorsAsync();
        var shards = hierarchy.Root.Children.Single(c => c.Path == "/user").Children.Single(c => c.Path == "/user/shards");
        int symbolActors = shards.Children.Sum(shard => shard.Children.Count);
        Assert.Equal(_node.Summary().Symbols.Count, symbolActors);
    }

    [Fact]
    public async Task Connectors_are_the_replays_and_cannot_be_restarted()
    {
        var connectors = (await _client.GetConnectorsAsync()).Connectors;
        Assert.Equal(["coinbase", "ibm", "kraken"], connectors.Select(c => c.Name));
        Assert.All(connectors, c => Assert.Equal(("Completed", 1.0), (c.State, c.Progress)));
        var error = await Assert.ThrowsAsync<ManagementException>(() => _client.RestartConnectorAsync("ibm"));
        Assert.Equal(ManagementErrorKind.Conflict, error.Kind);
        Assert.Contains("applied twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_expose_the_node_meters_in_Prometheus_format()
    {
        string metrics = await _client.GetMetricsAsync();
        NodeSummary summary = _node.Summary();
        foreach (var source in summary.Sources)
            Assert.Contains($"flowsense_ingest_events_total{{source=\"{source.Name}\"}} {source.Events.ToString(CultureInfo.InvariantCulture)}\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"flowsense_symbols {summary.Symbols.Count}\n", metrics, StringComparison.Ordinal);
        Assert.Contains("flowsense_symbols_failed 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE flowsense_event_to_feature_duration_seconds histogram\n", metrics, StringComparison.Ordinal);
        Assert.Matches(@"flowsense_event_to_feature_duration_seconds_count [1-9]\d*\n", metrics);
        Assert.Contains("flowsense_mailbox_depth{actor_path=\"/user/shards\"}", metrics, StringComparison.Ordinal);
        // Every symbol actor is pinned to a lane of the lanes dispatcher, one lane per processor. Other nodes that tests
        // run in this process at the same time export series of their own (the labels do not tell nodes apart), so
        // the lanes seen are exactly 0..N-1 and hold at least this node's symbols.
        var pinned = Regex.Matches(metrics, @"flowsense_lane_actors\{lane=""(\d+)""\} (\d+)\n");
        Assert.Equal(Enumerable.Range(0, Environment.ProcessorCount),
            pinned.Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order());
        Assert.True(pinned.Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)) >= summary.Symbols.Count, metrics);
        Assert.Contains("# TYPE flowsense_lane_waiting gauge\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE flowsense_actor_restarts_total counter\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"flowsense_symbol_events_total{{outcome=\"applied\"}} {summary.Symbols.Sum(s => s.Applied).ToString(CultureInfo.InvariantCulture)}\n", metrics, StringComparison.Ordinal);
    }
}
