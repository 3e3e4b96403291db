namespace FlowSense.Actors.Streams.Tests;

/// <summary>With a slow sink, no stage runs ahead of what its downstream asked for, beyond its own buffer.</summary>
public class BackpressureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_source_emits_no_more_than_a_slow_sink_consumed_plus_the_buffer()
    {
        var gate = new SemaphoreSlim(0);
        long consumed = 0;
        var handle = Source.From(Naturals())
            .Select(x => x * 2)
            .Buffer(10, OverflowStrategy.Backpressure)
            .RunWith(Sink.ForEachAsync<long>(async _ =>
            {
                await gate.WaitAsync();
                Interlocked.Increment(ref consumed);
            }));

        var source = await Eventually(() => handle.Counters.Stage("source"));
        for (int round = 0; round < 50; round++)
        {
            gate.Release();
            await WaitUntil(() => Interlocked.Read(ref consumed) == round + 1);
            // Consumed, plus 10 buffered, plus one element held by the buffer's pump while it waits for room,
            // plus the one the sink holds while awaiting the gate.
            Assert.InRange(source.Emitted, round + 1, round + 1 + 10 + 2);
        }
        handle.KillSwitch.Shutdown();
        gate.Release(100);
        await handle.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Without_a_buffer_the_source_is_pulled_one_element_at_a_time()
    {
        var gate = new SemaphoreSlim(0);
        long consumed = 0;
        var handle = Source.From(Naturals()).Select(x => x + 1)
            .RunWith(Sink.ForEachAsync<long>(async _ => { await gate.WaitAsync(); Interlocked.Increment(ref consumed); }));
        var source = await Eventually(() => handle.Counters.Stage("source"));
        for (int round = 0; round < 20; round++)
        {
            gate.Release();
            await WaitUntil(() => Interlocked.Read(ref consumed) == round + 1);
            Assert.InRange(source.Emitted, round + 1, round + 2);
        }
        handle.KillSwitch.Shutdown();
        gate.Release(10);
        await handle.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Many_elements_through_a_bounded_buffer_arrive_complete_and_in_order()
    {
        long expected = 0;
        bool inOrder = true;
        var handle = Source.From(Naturals()).Take(200_000).Buffer(64, OverflowStrategy.Backpressure)
            .RunWith(Sink.ForEach<long>(x => { inOrder &= x == expected; expected++; }));

        Assert.Equal(200_000, await handle.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(inOrder);
        Assert.Equal(0, handle.Counters.Stage("buffer").Dropped);
    }

    internal static IEnumerable<long> Naturals()
    {
        for (long i = 0; ; i++)
            yield return i;
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not become true within " + Timeout);
            await Task.Delay(1);
        }
    }

    internal static async Task<T> Eventually<T>(Func<T> probe)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                return probe();
            }
            catch (KeyNotFoundException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(1);
            }
        }
    }
}
