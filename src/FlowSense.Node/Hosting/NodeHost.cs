using FlowSense.Node.Configuration;
using Microsoft.Extensions.Logging;

namespace FlowSense.Node.Hosting;

/// <summary>
/// Starts a node in-process, for tests and tools (the CLI's tests use it to get a live node to talk to):
/// <code>
/// await using FlowSenseNode node = await NodeHost.StartAsync(new NodeHostOptions { Speed = "max" });
/// using var client = ManagementClient.Connect(node.ManagementAddress!.ToString());
/// await node.ReplaysFinished;
/// NodeShutdownReport report = await node.ShutdownAsync("test");
/// </code>
/// By default it loads the main job's overlay (<c>hocon/single-node.conf</c>, found from the working directory or the
/// test assembly's folder), listens on an ephemeral loopback port, keeps its state in a fresh temporary SQLite file,
/// and ignores environment variables so the machine cannot change a test.
/// </summary>
public static class NodeHost
{
    /// <summary>Loads the configuration with <paramref name="options"/>' overrides and starts the node.</summary>
    /// <exception cref="NodeConfigurationException">The configuration has problems.</exception>
    public static Task<FlowSenseNode> StartAsync(NodeHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NodeHostOptions();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["flowsense:node:management:url"] = options.ManagementUrl,
            ["flowsense:node:management:enabled"] = options.ManagementUrl is null ? "false" : "true",
        };
        if (options.Speed is not null)
            settings["flowsense:node:replay:speed"] = options.Speed;
        // In-process nodes (tests, tools) get a state file of their own, so none resumes another's replay.
        settings["flowsense:persistence:sqlite:path"] = Path.Combine(Path.GetTempPath(), $"flowsense-{Guid.NewGuid():N}", "state.db");
        foreach ((string key, string? value) in options.Settings)
            settings[key] = value;
        var configuration = NodeConfiguration.Load(options.ConfigFile ?? NodeConfiguration.FindDefaultOverlay(), settings, options.EnvironmentVariables);
        return FlowSenseNode.StartAsync(configuration, options.LoggerFactory, cancellationToken);
    }
}

/// <summary>How <see cref="NodeHost"/> starts a node.</summary>
public sealed record NodeHostOptions
{
    /// <summary>The HOCON overlay; null finds <see cref="NodeConfiguration.DefaultOverlay"/>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The management endpoint's address; port 0 (the default) picks a free one; null disables the endpoint.</summary>
    public string? ManagementUrl { get; init; } = "http://127.0.0.1:0";

    /// <summary>Overrides <c>flowsense.node.replay.speed</c>: a factor or <c>max</c>.</summary>
    public string? Speed { get; init; }

    /// <summary>Flat configuration overrides, e.g. <c>["flowsense:node:replays:kraken:enabled"] = "false"</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Whether environment variables override the files (off by default: tests stay independent of the machine).</summary>
    public bool EnvironmentVariables { get; init; }

    /// <summary>Where the node logs; nowhere when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
