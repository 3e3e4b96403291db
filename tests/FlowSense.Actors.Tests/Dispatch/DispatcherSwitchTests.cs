namespace FlowSense.Actors.Tests.Dispatch;

public sealed class DispatcherSwitchTests : TestKit.TestKit
{
    [Fact]
    public async Task An_async_method_continues_on_the_dispatchers_thread_after_each_await()
    {
        var lanes = new LaneDispatcher("switch", 1, throughput: 5);
        Sys.Dispatchers.Register("switch", lanes);
        var toLanes = new DispatcherSwitch(lanes);

        var threads = new List<string?>();
        for (int i = 0; i < 3; i++)
        {
            await Task.Yield(); // off the lane (a pool thread) ...
            await toLanes;      // ... and back on it
            threads.Add(Thread.CurrentThread.Name);
        }
        Assert.Equal(["switch-0", "switch-0", "switch-0"], threads);
    }

    [Fact]
    public void It_takes_one_awaiter_at_a_time()
    {
        var lanes = new LaneDispatcher("single", 1, throughput: 5);
        Sys.Dispatchers.Register("single", lanes);
        using var held = new ManualResetEventSlim();
        using var ran = new CountdownEvent(1);
        var toLanes = new DispatcherSwitch(lanes);

        lanes.Execute(new Hold(held)); // the lane is busy, so the first continuation stays queued
        toLanes.UnsafeOnCompleted(() => ran.Signal());
        Assert.Throws<InvalidOperationException>(() => toLanes.UnsafeOnCompleted(() => { }));

        held.Set();
        Assert.True(ran.Wait(TimeSpan.FromSeconds(10)));
        toLanes.UnsafeOnCompleted(() => { }); // free again once the first has run
    }

    private sealed class Hold(ManualResetEventSlim until) : IThreadPoolWorkItem
    {
        public void Execute() => until.Wait(TimeSpan.FromSeconds(10));
    }
}
