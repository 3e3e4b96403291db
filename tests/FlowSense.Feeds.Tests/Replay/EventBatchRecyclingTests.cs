using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Replay;

/// <summary>
/// Recycling hands a batch's array back to its producer: the next batch reuses it, the recycled batch refuses every
/// read, and a replay whose consumer recycles allocates no new arrays once its pool is warm.
/// </summary>
public sealed class EventBatchRecyclingTests
{
    private static readonly InstrumentId Aapl = new("NASDAQ", "AAPL");

    [Fact]
    public void The_next_batch_reuses_a_recycled_array()
    {
        var sink = new EventBatchSink(capacity: 2);
        sink.OnOrder(Order(1));
        sink.OnOrder(Order(2));
        var first = sink.TakeBatch()!;
        first.Recycle();
        sink.OnOrder(Order(3));
        var second = sink.TakeBatch()!;

        Assert.Equal(3, second[0].AsOrder().OrderId);
        Assert.Equal(2, sink.Pool.Allocated); // the sink's first array and the one it took while `first` was out
        sink.OnOrder(Order(4));
        second.Recycle();
        Assert.Equal(4, sink.TakeBatch()![0].AsOrder().OrderId);
        Assert.Equal(2, sink.Pool.Allocated);
    }

    [Fact]
    public void A_recycled_batch_refuses_reads_but_keeps_its_count()
    {
        var sink = new EventBatchSink(capacity: 4);
        sink.OnOrder(Order(1));
        var batch = sink.TakeBatch()!;
        batch.Recycle();
        batch.Recycle(); // idempotent: the array goes back once

        Assert.True(batch.IsRecycled);
        Assert.Equal(1, batch.Count);
        Assert.Throws<ObjectDisposedException>(() => batch.Events.Length);
        Assert.Throws<ObjectDisposedException>(() => batch[0]);
        long allocated = sink.Pool.Allocated;
        sink.Pool.Rent();
        Assert.Equal(allocated, sink.Pool.Allocated); // the recycled array
        sink.Pool.Rent();
        Assert.Equal(allocated + 1, sink.Pool.Allocated); // it went back once, not twice
    }

    [Fact]
    public void A_batch_without_a_pool_can_be_recycled_harmlessly()
    {
        var batch = new EventBatch([MarketEvent.From(Order(1))], 1);
        batch.Recycle();
        Assert.True(batch.IsRecycled);
    }

    [Fact]
    public async Task A_recycling_consumer_keeps_the_replay_from_allocating_arrays()
    {
        var synthetic = SyntheticItch.FromSample(SharedData.File("itch", "ex20101224.TEST_ITCH_50"), new DateOnly(2010, 12, 24), symbols: 30);
        var replay = synthetic.Replay(passes: 4, new ReplayOptions { BatchSize = 256 });
        long events = 0, batches = 0;
        await replay.Source
            .RunWith(Sink.ForEach<EventBatch>(b =>
            {
                events += b.Count;
                batches++;
                b.Recycle();
            })).Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(4 * synthetic.EventsPerPass, events);
        Assert.True(batches > 200);
        // The sink's own array plus the one it takes while the first batch is out: the stream hands one batch at a time.
        Assert.InRange(replay.Counters.BatchArraysAllocated, 1, 3);
    }

    private static OrderEvent Order(long id) => new(new EventHeader(Aapl, id, id, id), OrderAction.Add, id, Side.Bid, 100, 1);
}
