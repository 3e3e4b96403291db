using System.Diagnostics;
using System.Text.RegularExpressions;
using FlowSense.Node.Tests.Shutdown;
using Microsoft.Data.Sqlite;

namespace FlowSense.Node.Tests.Faults;

/// <summary>
/// A node started on the state of a run with other settings cannot restore its symbols' snapshots: it fails the run
/// at once with the reason and what to do, and exits non-zero, instead of restarting its symbols forever.
/// </summary>
public sealed class ChangedSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowsense-settings-").FullName;

    [Fact]
    public async Task A_run_on_state_taken_with_other_bar_time_frames_exits_3_within_seconds_with_the_advice()
    {
        string state = Path.Combine(_folder, "state.db");
        using (var first = StartNode(state, "1m", speed: "1"))
        {
            // Stopped mid-replay (a replay that ran to its end would start over, discarding its snapshots).
            await first.Started.WaitAsync(TimeSpan.FromMinutes(1));
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (KillNineTests.SymbolIds(state).Count == 0)
                await Task.Delay(20, deadline.Token);
            await first.SignalAsync("TERM");
            Assert.True(await first.ExitCodeAsync(TimeSpan.FromMinutes(1)) == 0, first.Output);
        }

        var clock = Stopwatch.StartNew();
        using var second = StartNode(state, "5m", speed: "max");
        int exit = await second.ExitCodeAsync(TimeSpan.FromMinutes(1));
        clock.Stop();

        Assert.True(exit == 3, second.Output);
        Assert.Contains("error: Symbol KRAKEN:", second.Output, StringComparison.Ordinal);
        Assert.Contains("cannot be restored", second.Output, StringComparison.Ordinal);
        Assert.Contains("mv state/flowsense.db state/flowsense.db.bak", second.Output, StringComparison.Ordinal);
        // It went through the coordinated shutdown without ingesting anything: symbols that had no snapshot yet must not
        // store new ones under the new settings, or restoring the old settings would fail on those.
        Assert.Contains("Summary: 0 events", second.Output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Matches(@"kraken\s+capture\s+Stopped", second.Output); // not Completed: its symbols refused their events

        // Nothing was discarded or overwritten: restoring the settings recovers the state.
        using var third = StartNode(state, "1m", speed: "max");
        Assert.True(await third.ExitCodeAsync(TimeSpan.FromMinutes(1)) == 0, third.Output);
        Assert.DoesNotContain("cannot recover", third.Output, StringComparison.Ordinal);
        // The recovered state was used: the replay resumes after its symbols' common position, or (when a symbol had no
        // snapshot yet, so the whole file is replayed) the symbols that had one skip what they already hold.
        Assert.True(third.Output.Contains("kraken resumes after", StringComparison.Ordinal)
            || Regex.IsMatch(third.Output, @"duplicates [1-9][0-9,]*"), third.Output);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The Kraken capture alone, with bars of 1 s and <paramref name="longBars"/>, snapshots every 200 ms, and the given state file.</summary>
    private static NodeProcess StartNode(string state, string longBars, string speed) => NodeProcess.Start(
        "--plain", "--management-url", "http://127.0.0.1:0",
        "--set", "flowsense.node.replays.ibm.enabled=false",
        "--set", "flowsense.node.replays.coinbase.enabled=false",
        "--set", $"flowsense.node.replays.kraken.speed={speed}",
        "--set", "flowsense.persistence.symbol-snapshots.every=200ms",
        "--set", $"flowsense.node.symbols.bar-time-frames.1={longBars}",
        "--set", $"flowsense.persistence.sqlite.path={state}");
}
