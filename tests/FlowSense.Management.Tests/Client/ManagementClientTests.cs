using System.Net;
using System.Net.Sockets;
using FlowSense.Management.Client;
using FlowSense.Management.Tests.Endpoint;

namespace FlowSense.Management.Tests.Client;

/// <summary>The client against a live in-process endpoint: every route, the error kinds and the ETag follow.</summary>
public sealed class ManagementClientTests
{
    [Fact]
    public async Task Every_read_route_round_trips_its_contract()
    {
        await using var endpoint = await RunningEndpoint.StartAsync();
        using var client = endpoint.Client();

        var actors = await client.GetActorsAsync();
        Assert.Equal(3, actors.ActorCount);
        Assert.Equal(3, actors.Root.Children[0].Children[0].MailboxDepth);

        var symbol = Assert.Single((await client.GetSymbolsAsync()).Symbols);
        Assert.Equal((ScriptedNode.Symbol, 7, 57000.1m), (symbol.Symbol, symbol.Shard, symbol.BestBid));

        var book = await client.GetBookAsync(ScriptedNode.Symbol, depth: 3);
        Assert.Equal(3, book.Bids.Count);
        Assert.Equal(new Contract.BookLevel(56998.1m, 3m), book.Bids[2]);

        var features = await client.GetFeaturesAsync(ScriptedNode.Symbol);
        Assert.Null(features.Vpin);
        Assert.Equal(57000.13, features.Microprice);

        var bars = await client.GetBarsAsync(ScriptedNode.Symbol, 5);
        Assert.Equal(4, Assert.Single(bars.Bars).Trades);

        var counters = await client.GetCountersAsync(ScriptedNode.Symbol);
        Assert.Equal((2L, 1L, 1L), (counters.Events, counters.Applied, counters.Duplicates));

        var connectors = await client.GetConnectorsAsync();
        Assert.Equal(["binance", "ibm"], connectors.Connectors.Select(c => c.Name));
    }

    [Fact]
    public async Task An_unknown_symbol_is_a_404_the_client_names()
    {
        await using var endpoint = await RunningEndpoint.StartAsync();
        using var client = endpoint.Client();
        using var http = endpoint.Http();

        using HttpResponseMessage raw = await http.GetAsync(new Uri("api/v1/symbols/NOPE%3AX/book", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);

        foreach (Func<Task> call in new Func<Task>[]
        {
            () => client.GetBookAsync("KRAKEN:XBT/USD"), () => client.GetFeaturesAsync("NOPE"),
            () => client.GetBarsAsync("NOPE"), () => client.GetCountersAsync("NOPE"),
        })
        {
            var error = await Assert.ThrowsAsync<ManagementException>(call);
            Assert.Equal(ManagementErrorKind.UnknownSymbol, error.Kind);
            Assert.Contains("flowsense symbol list", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Out_of_range_depth_is_a_400_not_a_crash()
    {
        await using var endpoint = await RunningEndpoint.StartAsync();
        using var client = endpoint.Client();
        var error = await Assert.ThrowsAsync<ManagementException>(() => client.GetBookAsync(ScriptedNode.Symbol, depth: 0));
        Assert.Equal(ManagementErrorKind.Failed, error.Kind);
        Assert.Contains("depth must be between", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_is_accepted_refused_or_unknown()
    {
        await using var endpoint = await RunningEndpoint.StartAsync();
        using var client = endpoint.Client();

        Assert.True((await client.RestartConnectorAsync("binance")).Accepted);
        Assert.Equal(1, endpoint.Node.Restarts);

        var refused = await Assert.ThrowsAsync<ManagementException>(() => client.RestartConnectorAsync("ibm"));
        Assert.Equal(ManagementErrorKind.Conflict, refused.Kind);
        Assert.Equal("A completed replay cannot be restarted.", refused.Message);

        var unknown = await Assert.ThrowsAsync<ManagementException>(() => client.RestartConnectorAsync("nasdaq"));
        Assert.Equal(ManagementErrorKind.UnknownConnector, unknown.Kind);
    }

    [Fact]
    public async Task A_conditional_get_with_the_current_etag_is_304_and_a_new_version_is_200()
    {
        await using var endpoint = await RunningEndpoint.StartAsync();
        using var http = endpoint.Http();
        var route = new Uri("api/v1/symbols/BINANCE%3ABTCUSDT/features", UriKind.Relative);

        using HttpResponseMessage first = await http.GetAsync(route);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, route);
        again.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage unchanged = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        endpoint.Node.Advance();
        using var after = new HttpRequestMessage(HttpMethod.Get, route);
        after.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage changed = await http.SendAsync(after);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Follow_yields_the_current_value_then_only_changes()
    {
        await using var endpoint = await RunningEndpoint.StartAsync();
        using var client = endpoint.Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var seen = new List<long>();
        var advancing = Task.Run(async () =>
        {
            for (int change = 0; change < 2; change++)
            {
                // Let the follower poll at least three times against an unchanged version (304s) before changing it.
                int reads = endpoint.Node.CounterReads;
                while (endpoint.Node.CounterReads < reads + 3)
                    await Task.Delay(5, cancel.Token);
                endpoint.Node.Advance();
            }
        }, cancel.Token);
        await foreach (var counters in client.FollowCountersAsync(ScriptedNode.Symbol, TimeSpan.FromMilliseconds(10), cancel.Token))
        {
            seen.Add(counters.Version);
            if (seen.Count == 3)
                break;
        }
        await advancing;
        Assert.Equal([1L, 2L, 3L], seen);
        Assert.True(endpoint.Node.CounterReads >= 7, $"{endpoint.Node.CounterReads} reads");
    }

    [Fact]
    public async Task A_node_that_is_not_there_is_reported_as_unreachable()
    {
        int port = FreePort();
        using var client = ManagementClient.Connect($"127.0.0.1:{port}", timeout: TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<ManagementException>(() => client.GetNodeAsync());
        Assert.Equal(ManagementErrorKind.Unreachable, error.Kind);
        Assert.Contains("Check that the node is running", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:9100", "http://127.0.0.1:9100/")]
    [InlineData("node-a:9200", "http://node-a:9200/")]
    [InlineData("https://node-a:9443/", "https://node-a:9443/")]
    public void Node_addresses_are_host_port_or_a_url(string node, string expected) =>
        Assert.Equal(new Uri(expected), ManagementClient.ParseNode(node));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("ftp://x:1")]
    public void A_node_address_without_a_port_is_refused(string node) =>
        Assert.Throws<ArgumentException>(() => ManagementClient.ParseNode(node));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
