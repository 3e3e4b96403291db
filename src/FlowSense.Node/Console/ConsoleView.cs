using FlowSense.Management.Endpoint;
using FlowSense.Node.Configuration;
using Spectre.Console;

namespace FlowSense.Node.Console;

/// <summary>
/// Shows the node while it runs: a live, redrawn view on a terminal, or one plain progress line per interval when the
/// output is redirected (CI, a pipe, a file), where redrawing would fill the log with escape codes.
/// </summary>
internal sealed class ConsoleView(IManagedNode node, string nodeId, ConsoleOptions options, TextWriter plainOutput)
{
    /// <summary>True when standard output is an interactive terminal that can redraw.</summary>
    public static bool IsTerminal => !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Shows the node until <paramref name="until"/> completes or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(bool live, Task until, CancellationToken cancellationToken)
    {
        var collector = new SnapshotCollector(node, options.MaxSymbols);
        try
        {
            if (live)
                await RunLiveAsync(collector, until, cancellationToken).ConfigureAwait(false);
            else
                await RunPlainAsync(collector, until, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the caller prints the summary.
        }
    }

    private async Task RunLiveAsync(SnapshotCollector collector, Task until, CancellationToken cancellationToken)
    {
        NodeSnapshot first = await collector.CollectAsync(cancellationToken).ConfigureAwait(false);
        await AnsiConsole.Live(LiveViewRenderer.Render(first, nodeId)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                while (true)
                {
                    bool done = await WaitAsync(until, options.Refresh, cancellationToken).ConfigureAwait(false);
                    context.UpdateTarget(LiveViewRenderer.Render(await collector.CollectAsync(CancellationToken.None).ConfigureAwait(false), nodeId));
                    context.Refresh();
                    if (done)
                        return;
                }
            }).ConfigureAwait(false);
    }

    private async Task RunPlainAsync(SnapshotCollector collector, Task until, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool done = await WaitAsync(until, options.ProgressInterval, cancellationToken).ConfigureAwait(false);
            await plainOutput.WriteLineAsync(ProgressLine.Format(await collector.CollectAsync(CancellationToken.None).ConfigureAwait(false))).ConfigureAwait(false);
            await plainOutput.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (done)
                return;
        }
    }

    /// <summary>Waits one interval; true when <paramref name="until"/> completed. Throws when cancelled (after the last draw).</summary>
    private static async Task<bool> WaitAsync(Task until, TimeSpan interval, CancellationToken cancellationToken)
    {
        Task delay = Task.Delay(interval, cancellationToken);
        Task first = await Task.WhenAny(until, delay).ConfigureAwait(false);
        if (first == until)
            return true;
        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }
}
