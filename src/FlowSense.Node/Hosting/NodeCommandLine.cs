using FlowSense.Actors.Configuration;
using FlowSense.Node.Configuration;

namespace FlowSense.Node.Hosting;

/// <summary>
/// The node's command line. Every option is a configuration override, so the same settings can be given in the
/// HOCON files, as environment variables or here (highest precedence).
/// </summary>
internal sealed record NodeCommandLine(string? ConfigFile, IReadOnlyDictionary<string, string?> Overrides, bool Plain, bool Help)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project src/FlowSense.Node -- [options]

        Runs a FlowSense node: the replays and connectors declared in its configuration, the symbol actors, and the
        management endpoint. With no options it runs the main job of hocon/single-node.conf: the real data in data/
        replayed with a live view for about a minute. Ctrl+C or SIGTERM stops it gracefully.

        Options:
          --config FILE          HOCON overlay to load (default hocon/single-node.conf)
          --speed FACTOR|max     multiply every replay's pace; max replays as fast as the pipeline goes
          --keep-serving         keep running (and serving the management endpoint) after the replays end
          --management-url URL   where the management endpoint listens (default http://127.0.0.1:9100)
          --plain                print a progress line every few seconds instead of the live view
          --set KEY=VALUE        any configuration key, e.g. --set flowsense.node.replays.kraken.enabled=false
          -h, --help             show this text
        """;

    /// <summary>Parses <paramref name="args"/>; <paramref name="error"/> says what is wrong when it returns null.</summary>
    public static NodeCommandLine? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        string? config = null;
        bool plain = false, help = false;
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return args[++i];
                return null;
            }
            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    break;
                case "--plain":
                    plain = true;
                    break;
                case "--keep-serving":
                    overrides["flowsense:node:replay:keep-serving"] = "true";
                    break;
                case "--config":
                    config = Value();
                    if (config is null) { error = "--config needs a file."; return null; }
                    break;
                case "--speed":
                    string? speed = Value();
                    if (!SpeedSetting.TryParse(speed, out _)) { error = $"--speed needs a positive factor or max, not '{speed}'."; return null; }
                    overrides["flowsense:node:replay:speed"] = speed;
                    break;
                case "--management-url":
                    string? url = Value();
                    if (url is null) { error = "--management-url needs an address such as http://127.0.0.1:9100."; return null; }
                    overrides["flowsense:node:management:url"] = url;
                    break;
                case "--set":
                    string? assignment = Value();
                    int equals = assignment?.IndexOf('=', StringComparison.Ordinal) ?? -1;
                    if (assignment is null || equals <= 0) { error = "--set needs KEY=VALUE, e.g. flowsense.node.replay.speed=max."; return null; }
                    overrides[assignment[..equals].Trim().Replace('.', ':')] = AsConfigurationValue(assignment[(equals + 1)..].Trim());
                    break;
                default:
                    error = $"Unknown option '{arg}'.";
                    return null;
            }
        }
        return new NodeCommandLine(config, overrides, plain, help);
    }

    /// <summary>
    /// A --set value read as HOCON would read it, so units work as in the files (<c>200ms</c>, <c>64 MiB</c>); text
    /// HOCON cannot parse as a value (a URL's //) is taken as it is.
    /// </summary>
    private static string AsConfigurationValue(string value)
    {
        try
        {
            return HoconFlattener.Flatten(HoconConfig.ParseString("value = " + value).Root).GetValueOrDefault("value") ?? value;
        }
        catch (HoconException)
        {
            return value;
        }
    }
}
