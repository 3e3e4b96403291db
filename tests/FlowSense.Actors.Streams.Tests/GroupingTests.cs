namespace FlowSense.Actors.Streams.Tests;

public class GroupingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task GroupedWithin_emits_full_batches_by_count()
    {
        var handle = Source.From(Enumerable.Range(0, 10)).GroupedWithin(4, TimeSpan.FromMinutes(1)).RunWith(Sink.ToList<IReadOnlyList<int>>());
        var batches = await handle.Completion.WaitAsync(Timeout);
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b));
    }

    [Fact]
    public async Task GroupedWithin_emits_a_partial_batch_when_its_interval_ends()
    {
        var queue = new StreamQueue<int>(16);
        var received = new TaskCompletionSource<IReadOnlyList<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = Source.FromQueue(queue).GroupedWithin(100, TimeSpan.FromMilliseconds(50))
            .RunWith(Sink.ForEach<IReadOnlyList<int>>(batch => received.TrySetResult(batch)));
        await queue.OfferAsync(1);
        await queue.OfferAsync(2);

        // The queue stays open: only the interval can end this batch.
        Assert.Equal([1, 2], await received.Task.WaitAsync(Timeout));
        queue.Complete();
        await handle.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task GroupBy_runs_a_flow_per_key_and_merges_their_outputs()
    {
        var handle = Source.From(Enumerable.Range(0, 30))
            .GroupBy(3, i => i % 3, key => Flow.Create<int>().Select(i => (key, i)))
            .RunWith(Sink.ToList<(int Key, int Value)>());

        var result = await handle.Completion.WaitAsync(Timeout);
        Assert.Equal(30, result.Count);
        foreach (var group in result.GroupBy(r => r.Key))
            Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 3 == group.Key), group.Select(g => g.Value)); // per-key order kept
    }

    [Fact]
    public async Task GroupBy_fails_instead_of_opening_more_substreams_than_allowed()
    {
        var handle = Source.From(Enumerable.Range(0, 30))
            .GroupBy(2, i => i % 3, _ => Flow.Create<int>())
            .RunWith(Sink.Ignore<int>());
        await Assert.ThrowsAsync<TooManySubstreamsException>(() => handle.Completion.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Partition_routes_each_element_to_the_output_its_key_picks()
    {
        var handle = Source.From(Enumerable.Range(0, 100))
            .RunWith(Sink.Partition(4, i => i % 4, _ => Sink.ToList<int>()));
        var outputs = await handle.Completion.WaitAsync(Timeout);
        for (int p = 0; p < 4; p++)
            Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 4 == p), outputs[p]);
    }

    [Fact]
    public async Task Broadcast_gives_every_element_to_every_output()
    {
        var handle = Source.From(Enumerable.Range(0, 50)).RunWith(Sink.Broadcast(Sink.ToList<int>(), Sink.ToList<int>()));
        var outputs = await handle.Completion.WaitAsync(Timeout);
        Assert.All(outputs, o => Assert.Equal(Enumerable.Range(0, 50), o));
    }

    [Fact]
    public async Task A_slow_partition_output_back_pressures_the_source()
    {
        var gate = new SemaphoreSlim(0);
        var handle = Source.From(BackpressureTests.Naturals())
            .RunWith(Sink.Partition(2, x => (int)(x % 2), p => p == 0
                ? Sink.ForEachAsync<long>(async _ => await gate.WaitAsync())
                : Sink.Ignore<long>(), bufferPerOutput: 8));
        var source = await BackpressureTests.Eventually(() => handle.Counters.Stage("source"));
        await Task.Delay(100); // give a runaway source every chance to show itself
        // Output 0 holds one element and buffers 8: the source can be at most about twice that ahead (odd elements pass).
        Assert.InRange(source.Emitted, 1, 2 * (8 + 1) + 2);
        handle.KillSwitch.Shutdown();
        gate.Release(1000);
        await handle.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Merge_completes_when_every_input_has_completed()
    {
        var handle = Source.Merge(Source.From(Enumerable.Range(0, 100)), Source.From(Enumerable.Range(1000, 100)))
            .RunWith(Sink.ToList<int>());
        var result = await handle.Completion.WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(1000, 100)), result.Order());
    }
}
