using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;
using FlowSense.Pipeline.Ingestion;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Ingestion;

public sealed class LiveFeedTests
{
    [Fact]
    public async Task Events_come_out_in_order_in_full_batches_then_the_rest_and_late_events_are_counted()
    {
        var x = Id("X");
        var feed = new LiveFeed(batchSize: 4, capacity: 8, maxDelay: TimeSpan.FromHours(1));
        var sent = Enumerable.Range(1, 10).Select(i => Trade(x, i, 100 + i)).ToList();
        foreach (var e in sent)
            feed.OnTrade(e.AsTrade());
        feed.Complete();
        feed.OnTrade(sent[0].AsTrade());

        var batches = await feed.Source.RunWith(Sink.ToList<EventBatch>()).Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        Assert.Equal(sent, batches.SelectMany(b => b.Events.ToArray()));
        Assert.Equal(1, feed.LateEvents);
        feed.Dispose();
    }

    [Fact]
    public async Task A_full_queue_blocks_the_connector_until_ingestion_takes_a_batch()
    {
        var x = Id("X");
        using var feed = new LiveFeed(batchSize: 1, capacity: 2, maxDelay: TimeSpan.FromHours(1));
        feed.OnQuote(Quote(x, 1, 1, 99, 101).AsQuote());
        feed.OnQuote(Quote(x, 2, 2, 99, 101).AsQuote());
        var third = Task.Run(() => feed.OnQuote(Quote(x, 3, 3, 99, 101).AsQuote()));
        await Task.WhenAny(third, Task.Delay(200));
        Assert.False(third.IsCompleted); // the queue holds two batches: the connector's thread waits

        var taken = new List<EventBatch>();
        var consumed = feed.Source.RunWith(Sink.ForEach<EventBatch>(taken.Add));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        feed.Complete();
        await consumed.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1L, 2L, 3L], taken.Select(b => b[0].Header.Sequence));
    }
}
