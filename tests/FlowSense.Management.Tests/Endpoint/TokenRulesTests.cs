using System.Net;
using System.Net.Http.Headers;
using FlowSense.Management.Client;
using FlowSense.Management.Endpoint;

namespace FlowSense.Management.Tests.Endpoint;

/// <summary>Loopback needs no token; any other address needs one to start; a wrong or missing token gets 401.</summary>
public sealed class TokenRulesTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://+:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://10.1.2.3:9100")]
    public async Task A_non_loopback_address_without_a_token_refuses_to_start(string url)
    {
        var error = await Assert.ThrowsAsync<ManagementConfigurationException>(() => RunningEndpoint.StartAsync(token: null, url: url));
        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
        Assert.Contains("flowsense.node.management.token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9100", true)]
    [InlineData("http://127.4.5.6:9100", true)]
    [InlineData("http://localhost:9100", true)]
    [InlineData("http://[::1]:9100", true)]
    [InlineData("http://0.0.0.0:9100", false)]
    [InlineData("http://192.168.1.10:9100", false)]
    public void Loopback_is_127_0_0_0_slash_8_the_IPv6_loopback_and_localhost(string url, bool loopback) =>
        Assert.Equal(loopback, new ManagementOptions { Url = url }.IsLoopback);

    [Fact]
    public void A_malformed_address_is_refused_with_the_key_to_fix()
    {
        var error = Assert.Throws<ManagementConfigurationException>(() => new ManagementOptions { Url = "tcp://127.0.0.1:1" }.Validate());
        Assert.Contains("flowsense.node.management.url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_loopback_address_with_a_token_starts_and_demands_it()
    {
        await using var endpoint = await RunningEndpoint.StartAsync(token: "s3cret", url: "http://0.0.0.0:0");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{endpoint.Server.Address.Port}/") };
        using HttpResponseMessage anonymous = await http.GetAsync(new Uri("api/v1/node", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var client = ManagementClient.Connect($"127.0.0.1:{endpoint.Server.Address.Port}", "s3cret");
        Assert.Equal("node-1", (await client.GetNodeAsync()).NodeId);
    }

    [Fact]
    public async Task Loopback_without_a_token_serves_anyone_on_the_machine()
    {
        await using var endpoint = await RunningEndpoint.StartAsync();
        using var client = endpoint.Client();
        Assert.Equal("running", (await client.GetNodeAsync()).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("s3cre")]
    [InlineData("s3cret2")]
    public async Task A_missing_or_wrong_token_gets_401_on_every_route(string? token)
    {
        await using var endpoint = await RunningEndpoint.StartAsync(token: "s3cret");
        using var http = endpoint.Http();
        foreach (string route in new[] { "api/v1/node", "api/v1/actors", "api/v1/symbols", "metrics", "api/v1/connectors" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(route, UriKind.Relative));
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/connectors/binance/restart", UriKind.Relative));
        using HttpResponseMessage restart = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Unauthorized, restart.StatusCode);
        Assert.Equal(0, endpoint.Node.Restarts);

        using var client = endpoint.Client(token);
        var error = await Assert.ThrowsAsync<ManagementException>(() => client.GetSymbolsAsync());
        Assert.Equal(ManagementErrorKind.Unauthorized, error.Kind);
        Assert.Contains("--token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_token_gets_200()
    {
        await using var endpoint = await RunningEndpoint.StartAsync(token: "s3cret");
        using var http = endpoint.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/symbols", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
