using System.Diagnostics;
using FlowSense.Pipeline.Ingestion;

namespace FlowSense.Pipeline.Tests.Ingestion;

public sealed class FreeBuffersTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_free_buffer_is_taken_at_once()
    {
        using var free = new FreeBuffers(Timeout);
        var buffer = new SliceBuffer(4);
        free.Return(buffer);

        Assert.Same(buffer, await free.TakeAsync());
        Assert.False(free.TryTake(out _));
    }

    [Fact]
    public async Task The_buffer_that_came_back_last_is_taken_first()
    {
        // Its events were just read by the symbols, so its lines are the likeliest still in cache.
        using var free = new FreeBuffers(Timeout);
        SliceBuffer first = new(4), second = new(4), third = new(4);
        free.Return(first);
        free.Return(second);
        free.Return(third);

        Assert.Same(third, await free.TakeAsync());
        Assert.True(free.TryTake(out var next));
        Assert.Same(second, next);
        Assert.Same(first, await free.TakeAsync());
    }

    [Fact]
    public async Task Without_a_timeout_a_wait_lasts_until_a_buffer_comes_back()
    {
        using var free = new FreeBuffers(System.Threading.Timeout.InfiniteTimeSpan); // a node whose sinks back-pressure
        var buffer = new SliceBuffer(4);
        var wait = free.TakeAsync();
        await Task.Delay(Timeout);
        Assert.False(wait.IsCompleted);

        free.Return(buffer);
        Assert.Same(buffer, await wait);
    }

    [Fact]
    public async Task A_wait_with_nothing_coming_back_ends_empty_after_the_timeout_not_before()
    {
        using var free = new FreeBuffers(Timeout);
        var started = Stopwatch.GetTimestamp();

        Assert.Null(await free.TakeAsync());
        Assert.True(Stopwatch.GetElapsedTime(started) >= Timeout, $"{Stopwatch.GetElapsedTime(started)}");
    }

    [Fact]
    public async Task Waits_that_each_end_in_time_never_time_out_however_long_they_take_together()
    {
        // Eight waits of 150 ms against a 1 s timeout: longer than it in all, and each far inside it (a Task.Delay of
        // 100 ms once took over 300 ms while the test host's pool was busy with the rest of the suite).
        var timeout = TimeSpan.FromSeconds(1);
        using var free = new FreeBuffers(timeout);
        var buffer = new SliceBuffer(4);
        var started = Stopwatch.GetTimestamp();
        for (int i = 0; i < 8; i++)
        {
            var wait = free.TakeAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(150));
            free.Return(buffer);
            Assert.Same(buffer, await wait);
        }
        Assert.True(Stopwatch.GetElapsedTime(started) > timeout);
    }

    [Fact]
    public async Task A_marker_left_by_an_earlier_wait_does_not_end_a_later_one()
    {
        using var free = new FreeBuffers(TimeSpan.FromMilliseconds(100));
        Assert.Null(await free.TakeAsync()); // the timer ran out once: its marker was consumed by that wait

        // Expire the next wait's timer as its buffer comes back, many times: whatever marker is left over must not end
        // the wait after it early (each such wait either gets a buffer or runs its own full time).
        var buffer = new SliceBuffer(4);
        for (int i = 0; i < 20; i++)
        {
            var wait = free.TakeAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            free.Return(buffer);
            SliceBuffer? taken = await wait;
            if (taken is null)
                continue; // timed out just before the buffer came back: the buffer is still free
            Assert.Same(buffer, taken);
        }
        while (free.TryTake(out _))
        {
        }
        var last = Stopwatch.GetTimestamp();
        Assert.Null(await free.TakeAsync());
        Assert.True(Stopwatch.GetElapsedTime(last) >= TimeSpan.FromMilliseconds(100), $"{Stopwatch.GetElapsedTime(last)}");
    }
}
