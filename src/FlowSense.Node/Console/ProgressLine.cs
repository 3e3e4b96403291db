using System.Globalization;
using System.Text;
using FlowSense.Management.Contract;

namespace FlowSense.Node.Console;

/// <summary>
/// The non-terminal form of the live view: one plain line per interval, readable in CI logs and greppable, e.g.
/// <c>[00:00:05] 51,200 events, 10,240 events/s, 24 symbols | ibm 9.1% | coinbase 16.0% | kraken 15.2% | rejected 0, resyncs 0</c>.
/// </summary>
internal static class ProgressLine
{
    public static string Format(NodeSnapshot snapshot)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"[{snapshot.Elapsed:hh\\:mm\\:ss}] {snapshot.Events:N0} events, {snapshot.EventsPerSecond:N0} events/s, {snapshot.SymbolCount} symbols");
        foreach (ConnectorInfo c in snapshot.Connectors)
        {
            line.Append(" | ").Append(c.Name).Append(' ');
            line.Append(c.Progress is { } p ? p.ToString("P1", CultureInfo.InvariantCulture) : c.State);
            if (c.State is "Completed" or "Failed")
                line.Append(' ').Append(c.State.ToLowerInvariant());
        }
        line.Append(CultureInfo.InvariantCulture, $" | rejected {snapshot.Connectors.Sum(c => c.Rejected):N0}, resyncs {snapshot.Connectors.Sum(c => c.Resyncs):N0}");
        return line.ToString();
    }
}
