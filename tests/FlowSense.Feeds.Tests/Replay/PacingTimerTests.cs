using System.Diagnostics;
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
    public async Task A_deadline_already_past_completes_and_a_disposed_timer_refuses_to_wait()
    {
        var timer = new PacingTimer();
        await timer.WaitUntil(Stopwatch.GetTimestamp() - 1).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        timer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => timer.WaitUntil(Stopwatch.GetTimestamp()));
    }
}
