using System.CommandLine;
using FlowSense.Management.Client;
using FlowSense.Cli.Symbol;
using FlowSense.Management.Contract;

namespace FlowSense.Cli.Terminal;

/// <summary>
/// How the remote palettes reach a node: <c>--node host:port</c> (else FLOWSENSE_NODE, else the node's default
/// 127.0.0.1:9100) and <c>--token</c> (else FLOWSENSE_TOKEN). Failures of the management client become user errors that
/// say what to do: which address did not answer, that the token was refused, which symbols are close to an unknown one.
/// </summary>
public sealed class NodeConnection
{
    /// <summary>The node's default management address (flowsense.node.management.url).</summary>
    public const string DefaultNode = "127.0.0.1:9100";

    private readonly CliConsole _console;

    /// <summary>Creates the options; add them to a palette with <see cref="AddTo"/>.</summary>
    public NodeConnection(CliConsole console)
    {
        _console = console;
        Node = new Option<string?>("--node") { Description = $"The node's management address, host:port (default: FLOWSENSE_NODE, else {DefaultNode}).", Recursive = true };
        Token = new Option<string?>("--token") { Description = "The node's bearer token (default: FLOWSENSE_TOKEN); loopback nodes usually need none.", Recursive = true };
    }

    public Option<string?> Node { get; }

    public Option<string?> Token { get; }

    /// <summary>A palette command carrying --node and --token for itself and every command under it.</summary>
    public Command Palette(string name, string description)
    {
        var palette = new Command(name, description);
        palette.Add(Node);
        palette.Add(Token);
        return palette;
    }

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="work"/> with a client for the node, guarded like every command.</summary>
    public void SetNodeAction(Command command, Func<ManagementClient, ParseResult, CancellationToken, Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        command.SetGuardedAction(_console, async (parse, cancellation) =>
        {
            using ManagementClient client = Connect(parse);
            return await work(client, parse, cancellation).ConfigureAwait(false);
        });
    }

    /// <summary>A client for the node the command line (or the environment) names.</summary>
    public ManagementClient Connect(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string node = parse.GetValue(Node) ?? _console.Variable("FLOWSENSE_NODE") ?? DefaultNode;
        string? token = parse.GetValue(Token) ?? _console.Variable("FLOWSENSE_TOKEN");
        try
        {
            return ManagementClient.Connect(node, token);
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message.Split(" (Parameter", 2)[0], "Pass --node host:port, e.g. --node 127.0.0.1:9100.", ExitCodes.Usage);
        }
    }

    /// <summary>Runs one call, turning a <see cref="ManagementException"/> into a <see cref="UserError"/> that says what to do.</summary>
    public static async Task<T> Call<T>(ManagementClient client, Func<ManagementClient, Task<T>> call, string? symbol = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call(client).ConfigureAwait(false);
        }
        catch (ManagementException e)
        {
            throw await Explain(client, e, symbol).ConfigureAwait(false);
        }
    }

    /// <summary>The user error for a failed call.</summary>
    public static async Task<UserError> Explain(ManagementClient client, ManagementException error, string? symbol)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(error);
        string node = client.Node.Authority;
        return error.Kind switch
        {
            ManagementErrorKind.Unreachable => new UserError($"No FlowSense node answered at {node}.",
                $"Is the node running? Start it (dotnet run --project src/FlowSense.Node) or pass its management address with --node host:port (or set FLOWSENSE_NODE).", ExitCodes.NodeError),
            ManagementErrorKind.Unauthorized => new UserError($"The node at {node} refused the token.",
                "Pass --token TOKEN or set FLOWSENSE_TOKEN (the node's flowsense.node.management.token).", ExitCodes.NodeError),
            ManagementErrorKind.UnknownSymbol when symbol is not null => new UserError($"The node at {node} does not own '{symbol}'.",
                await CloseMatches(client, symbol).ConfigureAwait(false), ExitCodes.NodeError),
            _ => new UserError(error.Message, error.Kind == ManagementErrorKind.UnknownConnector ? "See 'flowsense connector list'." : string.Empty, ExitCodes.NodeError),
        };
    }

    private static async Task<string> CloseMatches(ManagementClient client, string symbol)
    {
        SymbolList list;
        try
        {
            list = await client.GetSymbolsAsync().ConfigureAwait(false);
        }
        catch (ManagementException)
        {
            return "See 'flowsense symbol list' (symbols are VENUE:SYMBOL).";
        }
        string[] close = [.. SymbolMatches.Closest(symbol, list.Symbols.Select(s => s.Symbol), 5)];
        return close.Length > 0
            ? $"Did you mean {string.Join(", ", close)}? ('flowsense symbol list' shows all {list.Symbols.Count})"
            : $"It owns {list.Symbols.Count} symbol(s): see 'flowsense symbol list' (symbols are VENUE:SYMBOL).";
    }
}
