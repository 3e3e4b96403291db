namespace FlowSense.Actors.Streams.Tests;

public class BufferTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>A sink that takes nothing until the whole source has been pulled, so every overflow happens.</summary>
    private static async Task<(List<int> Received, StageCounter Buffer)> OverflowAll(OverflowStrategy strategy)
    {
        var sourceDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new List<int>();
        var handle = Source.From(Numbers(100, sourceDone)).Buffer(10, strategy)
            .RunWith(Sink.ForEachAsync<int>(async x => { await sourceDone.Task; received.Add(x); }));
        await handle.Completion.WaitAsync(Timeout);
        return (received, handle.Counters.Stage("buffer"));
    }

    private static IEnumerable<int> Numbers(int count, TaskCompletionSource done)
    {
        for (int i = 0; i < count; i++)
            yield return i;
        done.SetResult();
    }

    [Fact]
    public async Task DropHead_keeps_the_newest_and_counts_exactly_what_it_dropped()
    {
        var (received, buffer) = await OverflowAll(OverflowStrategy.DropHead);
        // The sink took element 0 before waiting; the buffer then held 10 and dropped the oldest of the rest.
        Assert.Equal(100, received.Count + buffer.Dropped);
        Assert.Equal(Enumerable.Range(90, 10), received.TakeLast(10));
    }

    [Fact]
    public async Task DropTail_drops_the_youngest_buffered_and_counts_exactly()
    {
        var (received, buffer) = await OverflowAll(OverflowStrategy.DropTail);
        Assert.Equal(100, received.Count + buffer.Dropped);
        Assert.Equal(99, received[^1]); // each new element replaced the youngest one
    }

    [Fact]
    public async Task Fail_fails_the_stream_with_an_overflow_that_says_what_to_do()
    {
        var gate = new TaskCompletionSource();
        var handle = Source.From(BackpressureTests.Naturals()).Buffer(4, OverflowStrategy.Fail)
            .RunWith(Sink.ForEachAsync<long>(async _ => await gate.Task));
        // The buffer holds 4 and the sink at most one more, so the pump overflows by the 6th element it pulls. Nothing
        // drains while the sink waits, so once the source stops advancing the overflow has happened. A pull-based
        // stage reports it at downstream's next pull: then let the sink go on.
        var source = await BackpressureTests.Eventually(() => handle.Counters.Stage("source"));
        await BackpressureTests.WaitUntil(() => source.Emitted >= 5);
        await Task.Delay(50);
        gate.SetResult();

        var error = await Assert.ThrowsAsync<BufferOverflowException>(() => handle.Completion.WaitAsync(Timeout));
        Assert.Contains("Backpressure", error.Message, StringComparison.Ordinal);
        Assert.InRange(source.Emitted, 5, 6);
    }
}
