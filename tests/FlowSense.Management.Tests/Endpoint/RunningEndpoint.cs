using FlowSense.Management.Client;
using FlowSense.Management.Endpoint;
using FlowSense.Management.Metrics;

namespace FlowSense.Management.Tests.Endpoint;

/// <summary>A live management endpoint on a free loopback port over a <see cref="ScriptedNode"/>.</summary>
internal sealed class RunningEndpoint : IAsyncDisposable
{
    private RunningEndpoint(ManagementServer server, ScriptedNode node, PrometheusExporter metrics)
    {
        Server = server;
        Node = node;
        Metrics = metrics;
    }

    public ManagementServer Server { get; }

    public ScriptedNode Node { get; }

    public PrometheusExporter Metrics { get; }

    public static async Task<RunningEndpoint> StartAsync(string? token = null, string url = "http://127.0.0.1:0", string meter = "FlowSense.Tests.Unused")
    {
        var node = new ScriptedNode();
        var metrics = new PrometheusExporter(meter);
        var server = await ManagementServer.StartAsync(new ManagementOptions { Url = url, Token = token }, node, metrics);
        return new RunningEndpoint(server, node, metrics);
    }

    public ManagementClient Client(string? token = null) => ManagementClient.Connect(Server.Address.ToString(), token);

    public HttpClient Http() => new() { BaseAddress = Server.Address };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Metrics.Dispose();
    }
}
