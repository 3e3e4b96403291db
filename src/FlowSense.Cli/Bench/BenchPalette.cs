using System.CommandLine;
using FlowSense.Cli.Terminal;

namespace FlowSense.Cli.Bench;

/// <summary><c>flowsense bench …</c>: load harnesses that measure the engine on this machine.</summary>
internal static class BenchPalette
{
    public static Command Create(CliConsole console)
    {
        var bench = new Command("bench", "Measure the engine on this machine: throughput, latency and memory under load.");
        bench.Add(PipelineBenchCommand.Create(console));
        return bench;
    }
}
