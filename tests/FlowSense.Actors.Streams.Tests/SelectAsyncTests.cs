namespace FlowSense.Actors.Streams.Tests;

public class SelectAsyncTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SelectAsync_keeps_upstream_order_and_never_exceeds_its_parallelism()
    {
        int running = 0, maxRunning = 0;
        var random = new Random(7);
        var delays = Enumerable.Range(0, 200).Select(_ => random.Next(0, 3)).ToArray();
        var handle = Source.From(Enumerable.Range(0, 200))
            .SelectAsync(4, async i =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                await Task.Delay(delays[i]);
                Interlocked.Decrement(ref running);
                return i * 10;
            })
            .RunWith(Sink.ToList<int>());

        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * 10), await handle.Completion.WaitAsync(Timeout));
        Assert.InRange(maxRunning, 1, 4);
    }

    [Fact]
    public async Task SelectAsyncUnordered_emits_in_completion_order_and_loses_nothing()
    {
        var releases = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var handle = Source.From(Enumerable.Range(0, 3)).SelectAsyncUnordered(3, i => new ValueTask<int>(releases[i].Task))
            .RunWith(Sink.ToList<int>());
        releases[2].SetResult(2);
        releases[0].SetResult(0);
        releases[1].SetResult(1);

        var result = await handle.Completion.WaitAsync(Timeout);
        Assert.Equal([0, 1, 2], result.Order());
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public async Task A_failing_call_fails_the_stream_with_its_exception()
    {
        var handle = Source.From(Enumerable.Range(0, 10))
            .SelectAsync(2, async i => { await Task.Yield(); return i == 5 ? throw new InvalidOperationException("boom at 5") : i; })
            .RunWith(Sink.Ignore<int>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => handle.Completion.WaitAsync(Timeout));
        Assert.Equal("boom at 5", error.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
