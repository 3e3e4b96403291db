using System.CommandLine;
using System.Globalization;
using FlowSense.Cli.Terminal;
using FlowSense.Management.Client;
using FlowSense.Management.Contract;

namespace FlowSense.Cli.Connector;

/// <summary><c>flowsense connector list|restart</c>: a node's feeds (live connectors and replays).</summary>
internal static class ConnectorPalette
{
    public static Command Create(CliConsole console)
    {
        var connection = new NodeConnection(console);
        var palette = connection.Palette("connector", "Inspect and restart a running node's connectors.");

        var list = new Command("list", "List connectors: state, reconnects, resyncs, events, rejects and the last error.");
        connection.SetNodeAction(list, async (client, parse, cancellation) =>
        {
            ConnectorList connectors = await NodeConnection.Call(client, c => c.GetConnectorsAsync(cancellation)).ConfigureAwait(false);
            console.Table(new TableView($"{connectors.Connectors.Count} connectors on {client.Node.Authority}",
                ["name", "kind", "state", "reconnects", "resyncs", "events", "rejected", "progress", "last error"],
                [.. connectors.Connectors.Select(c => (IReadOnlyList<string>)[c.Name, c.Kind, c.State, Format.N(c.Reconnects), Format.N(c.Resyncs),
                    Format.N(c.Events), Format.N(c.Rejected), c.Progress is double p ? p.ToString("P0", CultureInfo.InvariantCulture) : string.Empty, c.LastError ?? string.Empty])]));
            return ExitCodes.Ok;
        });
        palette.Add(list);

        var name = new Argument<string>("NAME") { Description = "The connector's name (see 'flowsense connector list')." };
        var restart = new Command("restart", "Restart a connector: it reconnects and resynchronizes its books.") { name };
        connection.SetNodeAction(restart, async (client, parse, cancellation) =>
        {
            ConnectorRestart answer = await NodeConnection.Call(client, c => c.RestartConnectorAsync(parse.GetValue(name)!, cancellation)).ConfigureAwait(false);
            console.Line($"{answer.Name}: {answer.Message}");
            return answer.Accepted ? ExitCodes.Ok : ExitCodes.NodeError;
        });
        palette.Add(restart);
        return palette;
    }
}
