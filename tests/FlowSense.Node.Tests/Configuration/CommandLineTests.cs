using FlowSense.Node.Hosting;

namespace FlowSense.Node.Tests.Configuration;

/// <summary>Every command-line option becomes a configuration override; mistakes are refused with a reason.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Options_become_configuration_overrides()
    {
        var line = NodeCommandLine.Parse(["--speed", "max", "--keep-serving", "--management-url", "http://127.0.0.1:0", "--plain",
            "--set", "flowsense.node.console.refresh=250ms", "--set", "flowsense.node.replays.kraken.enabled=false", "--config", "hocon/test.conf"], out string? error);

        Assert.Null(error);
        Assert.NotNull(line);
        Assert.True(line.Plain);
        Assert.Equal("hocon/test.conf", line.ConfigFile);
        Assert.Equal("max", line.Overrides["flowsense:node:replay:speed"]);
        Assert.Equal("true", line.Overrides["flowsense:node:replay:keep-serving"]);
        Assert.Equal("http://127.0.0.1:0", line.Overrides["flowsense:node:management:url"]);
        Assert.Equal("00:00:00.2500000", line.Overrides["flowsense:node:console:refresh"]); // read as HOCON: units work
        Assert.Equal("false", line.Overrides["flowsense:node:replays:kraken:enabled"]);
    }

    [Theory]
    [InlineData("--speed", "fast", "--speed needs a positive factor or max")]
    [InlineData("--speed", "0", "--speed needs a positive factor or max")]
    [InlineData("--set", "novalue", "--set needs KEY=VALUE")]
    [InlineData("--bogus", null, "Unknown option '--bogus'")]
    public void Mistakes_are_refused_with_what_to_do(string option, string? value, string expected)
    {
        string[] args = value is null ? [option] : [option, value];
        Assert.Null(NodeCommandLine.Parse(args, out string? error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
