using FlowSense.Node.Hosting;

namespace FlowSense.Cli.Tests.Node;

/// <summary>
/// A node started in-process with the main job's replays (IBM, Coinbase, Kraken) at full speed, shared by a test class;
/// tests run once every replay has finished, so the books are final. <see cref="Token"/> set starts it with a bearer token.
/// </summary>
public class LiveNode : IAsyncLifetime
{
    private FlowSenseNode? _node;

    protected virtual string? Token => null;

    /// <summary>The management address as --node takes it (host:port).</summary>
    public string Address => _node!.ManagementAddress!.Authority;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        if (Token is not null)
            settings["flowsense:node:management:token"] = Token;
        _node = await NodeHost.StartAsync(new NodeHostOptions { Speed = "max", Settings = settings });
        await _node.ReplaysFinished.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
            await _node.DisposeAsync();
    }
}

/// <summary>A live node that requires the bearer token <c>s3cret</c>.</summary>
public sealed class LiveNodeWithToken : LiveNode
{
    public const string Secret = "s3cret";

    protected override string? Token => Secret;
}
