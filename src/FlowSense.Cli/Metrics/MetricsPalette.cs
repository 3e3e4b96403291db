using System.CommandLine;
using FlowSense.Cli.Terminal;
using FlowSense.Management.Client;

namespace FlowSense.Cli.Metrics;

/// <summary><c>flowsense metrics</c>: a node's OpenTelemetry meters in Prometheus text format.</summary>
internal static class MetricsPalette
{
    public static Command Create(CliConsole console)
    {
        var connection = new NodeConnection(console);
        var filter = new Option<string?>("--filter") { Description = "Only metric families whose name contains this text (e.g. latency, mailbox)." };
        var palette = connection.Palette("metrics", "Print the node's metrics in Prometheus text format (events/s, latency histograms, mailbox depth, rejects).");
        palette.Add(filter);
        connection.SetNodeAction(palette, async (client, parse, cancellation) =>
        {
            string text = await NodeConnection.Call(client, c => c.GetMetricsAsync(cancellation)).ConfigureAwait(false);
            string? wanted = parse.GetValue(filter);
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (wanted is null || Family(line).Contains(wanted, StringComparison.OrdinalIgnoreCase))
                    console.Line(line);
            }
            return ExitCodes.Ok;
        });
        return palette;
    }

    // "# HELP name ...", "# TYPE name ...", "name{labels} value": the family name of each line.
    private static string Family(string line)
    {
        string rest = line.StartsWith("# ", StringComparison.Ordinal) ? string.Join(' ', line.Split(' ').Skip(2)) : line;
        int end = rest.IndexOfAny([' ', '{']);
        return end < 0 ? rest : rest[..end];
    }
}
