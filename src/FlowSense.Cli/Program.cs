using System.CommandLine;
using FlowSense.Cli.Actor;
using FlowSense.Cli.Bars;
using FlowSense.Cli.Connector;
using FlowSense.Cli.Bench;
using FlowSense.Cli.Db;
using FlowSense.Cli.Indicators;
using FlowSense.Cli.Metrics;
using FlowSense.Cli.Replay;
using FlowSense.Cli.Symbol;
using FlowSense.Cli.Terminal;

namespace FlowSense.Cli;

/// <summary>The <c>flowsense</c> entry point: composes one palette per domain word, one line each.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CreateRoot(CliConsole.System()).Parse(args).InvokeAsync();

    /// <summary>The root command with every palette, writing to <paramref name="console"/> (tests pass a plain one).</summary>
    public static RootCommand CreateRoot(CliConsole console)
    {
        var root = new RootCommand("flowsense: replay and verify recorded market data, build bars and indicators, and operate a FlowSense node.");
        root.Add(ReplayPalette.Create(console));
        root.Add(BarsPalette.Create(console));
        root.Add(IndicatorsPalette.Create(console));
        root.Add(ActorPalette.Create(console));
        root.Add(SymbolPalette.Create(console));
        root.Add(ConnectorPalette.Create(console));
        root.Add(MetricsPalette.Create(console));
        root.Add(BenchPalette.Create(console));
        root.Add(DbPalette.Create(console));
        return root;
    }
}
