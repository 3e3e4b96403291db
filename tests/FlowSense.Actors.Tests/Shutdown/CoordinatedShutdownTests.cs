namespace FlowSense.Actors.Tests.Shutdown;

public sealed class CoordinatedShutdownTests : TestKit.TestKit
{
    [Fact]
    public void Built_in_phases_run_in_the_documented_order()
    {
        Assert.Equal(
            [CoordinatedShutdown.StopIngestion, CoordinatedShutdown.Drain, CoordinatedShutdown.Snapshot,
             CoordinatedShutdown.LeaveCluster, CoordinatedShutdown.CloseStorage, CoordinatedShutdown.TerminateSystem],
            Sys.CoordinatedShutdown.OrderedPhases);
    }

    [Fact]
    public async Task Tasks_run_phase_by_phase_and_the_system_terminates_last()
    {
        var order = new List<string>();
        CoordinatedShutdown shutdown = Sys.CoordinatedShutdown;
        foreach (string phase in shutdown.OrderedPhases.Reverse())
        {
            shutdown.AddTask(phase, phase + "-task", async _ =>
            {
                await Task.Yield();
                lock (order)
                    order.Add(phase);
            });
        }

        ShutdownReport report = await shutdown.RunAsync("test");
        Assert.Equal(shutdown.OrderedPhases, order);
        Assert.True(report.AllCompleted);
        Assert.Equal("test", report.Reason);
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Custom_phases_run_after_their_dependencies()
    {
        CoordinatedShutdown shutdown = Sys.CoordinatedShutdown;
        shutdown.AddPhase("flush-features", [CoordinatedShutdown.Drain]);
        shutdown.AddPhase("publish-final-bars", ["flush-features"]);
        IReadOnlyList<string> phases = shutdown.OrderedPhases;
        Assert.True(phases.ToList().IndexOf("flush-features") > phases.ToList().IndexOf(CoordinatedShutdown.Drain));
        Assert.True(phases.ToList().IndexOf("publish-final-bars") > phases.ToList().IndexOf("flush-features"));
        Assert.Throws<ArgumentException>(() => shutdown.AddPhase("orphan", ["no-such-phase"]));
        await shutdown.RunAsync("done");
    }

    [Fact]
    public async Task A_phase_that_times_out_is_reported_and_the_shutdown_continues()
    {
        CoordinatedShutdown shutdown = Sys.CoordinatedShutdown;
        shutdown.AddPhase("slow", [CoordinatedShutdown.StopIngestion], TimeSpan.FromMilliseconds(100));
        shutdown.AddTask("slow", "never-finishes", token => Task.Delay(Timeout.Infinite, token));
        shutdown.AddTask("slow", "quick", _ => Task.CompletedTask);
        shutdown.AddTask(CoordinatedShutdown.CloseStorage, "fails", _ => throw new InvalidOperationException("disk"));
        bool laterPhaseRan = false;
        shutdown.AddTask(CoordinatedShutdown.Snapshot, "snapshot", _ =>
        {
            laterPhaseRan = true;
            return Task.CompletedTask;
        });

        ShutdownReport report = await shutdown.RunAsync("timeout test");
        PhaseReport slow = report.Phases.Single(p => p.Phase == "slow");
        Assert.True(slow.TimedOut);
        Assert.Equal(ShutdownTaskOutcome.TimedOut, slow.Tasks.Single(t => t.Name == "never-finishes").Outcome);
        Assert.Equal(ShutdownTaskOutcome.Completed, slow.Tasks.Single(t => t.Name == "quick").Outcome);
        ShutdownTaskReport failed = report.Phases.Single(p => p.Phase == CoordinatedShutdown.CloseStorage).Tasks.Single();
        Assert.Equal(ShutdownTaskOutcome.Failed, failed.Outcome);
        Assert.IsType<InvalidOperationException>(failed.Error);
        Assert.True(laterPhaseRan);
        Assert.False(report.AllCompleted);
    }

    [Fact]
    public async Task RunAsync_runs_once()
    {
        int runs = 0;
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.Drain, "count", _ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        Task<ShutdownReport> first = Sys.CoordinatedShutdown.RunAsync("one");
        Task<ShutdownReport> second = Sys.CoordinatedShutdown.RunAsync("two");
        Assert.Same(first, second);
        await first;
        Assert.Equal(1, runs);
        Assert.Throws<InvalidOperationException>(() => Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.Drain, "late", _ => Task.CompletedTask));
    }
}
