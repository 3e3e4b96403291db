using FlowSense.Node.Configuration;
using FlowSense.Node.Console;
using FlowSense.Node.Shutdown;
using FlowSense.Pipeline.Snapshots;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowSense.Node.Hosting;

/// <summary>
/// The node inside the generic host: starts it, shows it on the console while its replays run, stops the host when
/// they are done (unless it keeps serving), and on the host's stop (SIGTERM, Ctrl+C, or the end of the replays) runs
/// the coordinated shutdown and prints the summary and what was drained. A symbol that cannot recover from its
/// snapshot (<see cref="FlowSenseNode.SymbolFailed"/>) ends the run at once: the error and what to do go to standard
/// error, the node shuts down the same way, and the executable exits with <c>Program.UnrestorableState</c>.
/// </summary>
internal sealed class NodeService(
    NodeConfiguration configuration, NodeRunOptions run, IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory) : BackgroundService
{
    private FlowSenseNode? _node;
    private string _stopReason = "host stopped";

    /// <summary>The symbol that could not recover, when that failed the run.</summary>
    public SymbolRecoveryFailed? Failure { get; private set; }

    /// <summary>The report of the shutdown, once it has run.</summary>
    public NodeShutdownReport? Report { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _node = await FlowSenseNode.StartAsync(configuration, loggerFactory, cancellationToken).ConfigureAwait(false);
        await run.Output.WriteLineAsync(
            $"FlowSense node '{_node.Id}': {_node.Connectors.Count} replays, {_node.Connectors.Sum(c => c.Instruments.Count)} symbols, {_node.LiveConnectors.Count} live connectors" +
            (_node.ManagementAddress is { } address ? $"; management endpoint {address} (flowsense --node {address.Authority})" : "; management endpoint off"))
            .ConfigureAwait(false);
        await run.Output.WriteLineAsync(_node.PersistenceLine).ConfigureAwait(false);
        await run.Output.WriteLineAsync(_node.TimeSeriesLine).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FlowSenseNode node = _node!;
        // Live connectors run until the node is stopped, so a node with any keeps serving after its replays.
        bool keepServing = configuration.Node.Replay.KeepServing || node.LiveConnectors.Count > 0;
        var view = new ConsoleView(node.Management, node.Id, configuration.Node.Console, run.Output);
        await view.RunAsync(run.Live, Task.WhenAny(node.ReplaysFinished, node.SymbolFailed), stoppingToken).ConfigureAwait(false);
        if (stoppingToken.IsCancellationRequested)
            return;
        if (node.SymbolFailed.IsCompleted)
        {
            // Its state cannot be restored: go no further (the shutdown stops ingestion) and say what to do.
            Failure = await node.SymbolFailed.ConfigureAwait(false);
            await System.Console.Error.WriteLineAsync("error: " + Failure.Message).ConfigureAwait(false);
            _stopReason = "a symbol could not recover from its snapshot";
            lifetime.StopApplication();
            return;
        }
        if (keepServing)
        {
            await run.Output.WriteLineAsync("Replays complete; still serving. Ctrl+C or SIGTERM stops the node.").ConfigureAwait(false);
            return;
        }
        _stopReason = "replays completed";
        lifetime.StopApplication();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_node is null)
            return;
        string reason = run.Signal ?? _stopReason;
        Report = await _node.ShutdownAsync(reason).ConfigureAwait(false);
        await run.Output.WriteAsync(Report.Summary.ToText()).ConfigureAwait(false);
        await run.Output.WriteAsync(Report.ToText()).ConfigureAwait(false);
        await run.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _node.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>How the executable runs the node: where it prints, whether the view is live, and the signal that stopped it.</summary>
internal sealed class NodeRunOptions(TextWriter output, bool live)
{
    private volatile string? _signal;

    public TextWriter Output { get; } = output;

    public bool Live { get; } = live;

    /// <summary>SIGTERM or SIGINT once one arrived.</summary>
    public string? Signal { get => _signal; set => _signal = value; }
}
