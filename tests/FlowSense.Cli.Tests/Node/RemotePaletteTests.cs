using FlowSense.Cli.Terminal;
using FlowSense.Management.Client;
using FlowSense.Management.Contract;
using FlowSense.Testing;

namespace FlowSense.Cli.Tests.Node;

/// <summary>
/// The remote palettes against a live node that has replayed the main job: the values they show are checked against
/// what the file tools compute from the same recordings, outside the node.
/// </summary>
public sealed class RemotePaletteTests(LiveNode node) : IClassFixture<LiveNode>, IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Symbol_list_shows_every_replayed_instrument()
    {
        CliResult result = await _cli.Invoke("symbol", "list", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string[] symbols = [.. Table(result).Select(r => r[0])];
        Assert.Contains("USA:IBM", symbols);
        Assert.Equal(10, symbols.Count(s => s.StartsWith("KRAKEN:", StringComparison.Ordinal)));
        Assert.Equal(10, symbols.Count(s => s.StartsWith("COINBASE:", StringComparison.Ordinal)));
    }

    /// <summary>The node's Kraken book, once its replay is over, has the top the file replay ends with, to the digit.</summary>
    [Theory]
    [InlineData("XBT/CHF")]
    [InlineData("XMR/USD")]
    public async Task Symbol_book_shows_the_top_the_file_replay_ends_with(string pair)
    {
        string top = _cli.PathOf("top.csv");
        CliResult replay = await _cli.Invoke("replay", "capture", "--venue", "kraken", SharedData.File("crypto", "KRAKEN.ws.50.0"), "--emit-top", top, "--symbol", pair);
        Assert.Equal(ExitCodes.Ok, replay.ExitCode);
        string[] last = File.ReadLines(top).Last().Split(','); // update_id, bid price, bid size, ask price, ask size

        CliResult book = await _cli.Invoke("symbol", "book", "KRAKEN:" + pair, "--depth", "1", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, book.ExitCode);
        string[] level = Table(book).Single();
        Assert.Equal(["1", last[2], last[1], last[3], last[4]], level); // level, bid size, bid, ask, ask size
    }

    [Fact]
    public async Task Follow_shows_the_view_until_the_requested_number_of_updates()
    {
        CliResult result = await _cli.Invoke("symbol", "features", "USA:IBM", "--follow", "--updates", "1", "--interval", "0.1", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("USA:IBM features", result.Out, StringComparison.Ordinal);
        Assert.Contains("microprice\t", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbol_features_show_multi_level_OFI_and_the_rest_of_the_snapshot()
    {
        CliResult result = await _cli.Invoke("symbol", "features", "KRAKEN:XBT/CHF", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string[] row = Table(result).Single(r => r[0] == "OFI by level");
        decimal[] levels = [.. row[1].Split(", ").Select(v => decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(10, levels.Length);
        Assert.Contains(levels, level => level != 0);
        // A windowed value is marked while its feature warms up, as the endpoint says (in this capture the pair's
        // level-1 OFI sees fewer than its N = 100 events, so it is still warming up; its ten levels have filled theirs).
        using var http = new HttpClient { BaseAddress = new Uri($"http://{node.Address}/") };
        SymbolFeatures endpoint = await new ManagementClient(http).GetFeaturesAsync("KRAKEN:XBT/CHF");
        Assert.Equal(endpoint.WarmingUp.Contains("ofi"), Table(result).Single(r => r[0] == "OFI")[1].EndsWith(" (warming up)", StringComparison.Ordinal));
        Assert.DoesNotContain("multiLevelOfi", endpoint.WarmingUp);
        // The rest of the snapshot is shown too, for instance the book's update intensity.
        string[] quotes = Table(result).Single(r => r[0] == "quote updates per second");
        Assert.True(double.Parse(quotes[1], System.Globalization.CultureInfo.InvariantCulture) > 0, quotes[1]);
    }

    [Fact]
    public async Task Bars_connectors_actors_and_metrics_answer()
    {
        CliResult bars = await _cli.Invoke("symbol", "bars", "USA:IBM", "--count", "5", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, bars.ExitCode);
        Assert.InRange(Table(bars).Count, 1, 5);

        CliResult connectors = await _cli.Invoke("connector", "list", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, connectors.ExitCode);
        Assert.Equal(["coinbase", "ibm", "kraken"], Table(connectors).Select(r => r[0]).Order(StringComparer.Ordinal));

        CliResult actors = await _cli.Invoke("actor", "hierarchy", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, actors.ExitCode);
        Assert.Contains(actors.Out.Split('\n'), l => l.StartsWith("/user/shards/", StringComparison.Ordinal) && l.Contains("USA:IBM\tSymbolActor", StringComparison.Ordinal));

        CliResult metrics = await _cli.Invoke("metrics", "--filter", "ingest", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, metrics.ExitCode);
        Assert.Contains("# TYPE flowsense_ingest_events_total counter", metrics.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_restart_passes_on_the_nodes_refusal_and_names_unknown_connectors()
    {
        CliResult replay = await _cli.Invoke("connector", "restart", "kraken", "--node", node.Address);
        Assert.Equal(ExitCodes.NodeError, replay.ExitCode);
        Assert.Contains("cannot be restarted", replay.Error, StringComparison.Ordinal); // a replay would apply its events twice

        CliResult unknown = await _cli.Invoke("connector", "restart", "nope", "--node", node.Address);
        Assert.Equal(ExitCodes.NodeError, unknown.ExitCode);
        Assert.Contains("no connector 'nope'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_symbol_lists_close_matches()
    {
        CliResult result = await _cli.Invoke("symbol", "book", "xbt/chf", "--node", node.Address);
        Assert.Equal(ExitCodes.NodeError, result.ExitCode);
        Assert.Contains("does not own 'xbt/chf'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean KRAKEN:XBT/CHF?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_address_comes_from_FLOWSENSE_NODE_when_no_option_is_given()
    {
        _cli.Variables["FLOWSENSE_NODE"] = node.Address;
        CliResult result = await _cli.Invoke("connector", "list");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task An_address_where_no_node_listens_says_which_and_what_to_do()
    {
        CliResult result = await _cli.Invoke("symbol", "list", "--node", "127.0.0.1:1");
        Assert.Equal(ExitCodes.NodeError, result.ExitCode);
        Assert.Contains("No FlowSense node answered at 127.0.0.1:1", result.Error, StringComparison.Ordinal);
        Assert.Contains("--node", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The rows of the (one) plain table a command printed: lines after the header, split on tabs.</summary>
    private static List<string[]> Table(CliResult result) =>
        [.. result.Out.Split('\n').Skip(2).Where(l => l.Contains('\t', StringComparison.Ordinal)).Select(l => l.TrimEnd('\r').Split('\t'))];

    public void Dispose() => _cli.Dispose();
}

/// <summary>A node with a bearer token: the CLI says how to pass it, and passes it from the option or the environment.</summary>
public sealed class TokenTests(LiveNodeWithToken node) : IClassFixture<LiveNodeWithToken>, IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Without_the_token_the_CLI_says_how_to_pass_it()
    {
        CliResult result = await _cli.Invoke("symbol", "list", "--node", node.Address);
        Assert.Equal(ExitCodes.NodeError, result.ExitCode);
        Assert.Contains("refused the token", result.Error, StringComparison.Ordinal);
        Assert.Contains("pass --token TOKEN or set FLOWSENSE_TOKEN", result.Error, StringComparison.OrdinalIgnoreCase);

        CliResult wrong = await _cli.Invoke("symbol", "list", "--node", node.Address, "--token", "nope");
        Assert.Equal(ExitCodes.NodeError, wrong.ExitCode);
    }

    [Fact]
    public async Task The_token_works_from_the_option_and_from_FLOWSENSE_TOKEN()
    {
        CliResult option = await _cli.Invoke("symbol", "list", "--node", node.Address, "--token", LiveNodeWithToken.Secret);
        Assert.Equal(ExitCodes.Ok, option.ExitCode);

        _cli.Variables["FLOWSENSE_TOKEN"] = LiveNodeWithToken.Secret;
        CliResult environment = await _cli.Invoke("connector", "list", "--node", node.Address);
        Assert.Equal(ExitCodes.Ok, environment.ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
