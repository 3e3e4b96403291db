namespace FlowSense.Node.Tests.Shutdown;

/// <summary>SIGTERM to a real node process mid-replay: coordinated shutdown runs every phase and reports what it drained.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task SIGTERM_mid_replay_stops_ingestion_drains_and_reports()
    {
        // At the recorded pace the shipped replays take about a minute, so SIGTERM lands mid-replay.
        string state = Path.Combine(Path.GetTempPath(), $"flowsense-{Guid.NewGuid():N}", "state.db"); // resumes nothing
        using var node = NodeProcess.Start("--plain", "--management-url", "http://127.0.0.1:0",
            "--set", "flowsense.node.console.progress-interval=200ms", "--set", $"flowsense.persistence.sqlite.path={state}");
        await node.Started.WaitAsync(TimeSpan.FromSeconds(60));
        await WaitForProgressAsync(node);

        await node.SignalAsync("TERM");
        int exitCode = await node.ExitCodeAsync(TimeSpan.FromSeconds(60));

        string output = node.Output;
        Assert.True(exitCode == 0, output);
        // The whole output on failure (Assert.Contains shows its first 40 characters): which phase's task did not complete.
        Assert.True(output.Contains("Shutdown (SIGTERM): every phase completed", StringComparison.Ordinal), output);
        foreach (string phaseTask in new[] { "stop-replays", "drain-ingestion", "record-symbol-state", "snapshot-symbols", "stop-management-endpoint", "terminate-actor-system" })
            Assert.Contains(phaseTask, output, StringComparison.Ordinal);
        Assert.Matches(@"drained: [\d,]+ events \([\d,]+ in flight at the stop, [\d,]+ read before the sources stopped\), 0 left unacknowledged", output);
        Assert.Matches(@"ibm +lean +Stopped", output); // the day of IBM ticks cannot have finished
        Assert.Matches(@"Summary: [\d,]+ events", output);
    }

    private static async Task WaitForProgressAsync(NodeProcess node)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!node.Output.Contains(" events/s, ", StringComparison.Ordinal))
            await Task.Delay(50, timeout.Token);
    }
}
