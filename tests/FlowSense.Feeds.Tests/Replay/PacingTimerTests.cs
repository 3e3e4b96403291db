using System.Diagnostics;
using FlowSense.Actors;
using FlowSense.Feeds.Replay;

namespace FlowSense.Feeds.Tests.Replay;

public sealed class PacingTimerTests
{
    [Fact]
    public async Task Each_wait_ends_at_or_after_its_deadline_and_the_timer_can_wait_again()
    {
        using var timer = new PacingTimer();
        for (int i = 0; i < 5; i++)
        {
            long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5_000; // 200 µs
            await timer.WaitUntil(deadline).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(Stopwatch.GetTimestamp() >= deadline);
        }
    }

    [Fact]
    public async Task Given_lanes_each_wait_ends_on_a_lane_at_or_after_its_deadline()
    {
        using var lanes = new LaneDispatcher("ticks", 2, throughput: 5);
        using var timer = new PacingTimer(lanes);
        var threads = new HashSet<string?>();
        for (int i = 0; i < 4; i++)
        {
            long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 50; // 20 ms: still waiting when the continuation is set
            var wait = timer.WaitUntil(deadline);
            Assert.False(wait.IsCompleted);
            // Synchronously: the continuation runs where the wait ended.
            var ended = wait.AsTask().ContinueWith(
                _ => (Thread.CurrentThread.Name, Stopwatch.GetTimestamp()), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            (string? thread, long endedAt) = await ended.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(endedAt >= deadline);
            threads.Add(thread);
        }
        Assert.Equal(new HashSet<string?> { "ticks-0", "ticks-1" }, threads); // the lanes take the ticks in turn
    }

    [Fact]
    public async Task A_deadline_already_past_completes_and_a_disposed_timer_refuses_to_wait()
    {
        var timer = new PacingTimer();
        await timer.WaitUntil(Stopwatch.GetTimestamp() - 1).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        timer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => timer.WaitUntil(Stopwatch.GetTimestamp()));
    }
}
