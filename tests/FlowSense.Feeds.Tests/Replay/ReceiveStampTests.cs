using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.Feeds.Synthetic;
using FlowSense.MarketData.Events;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Replay;

/// <summary>
/// A receive clock is read once per chunk a replay decodes (a batch here), at most every 64 messages, and only the
/// receive times change: the events, their order and their sequences are the unstamped replay's.
/// </summary>
public sealed class ReceiveStampTests
{
    private const int BatchSize = 1_000;

    [Fact]
    public async Task Itch_stamps_each_batch_afresh_and_at_most_every_64_messages_and_changes_nothing_else()
    {
        var synthetic = SyntheticItch.FromSample(SharedData.File("itch", "ex20101224.TEST_ITCH_50"), new DateOnly(2010, 12, 24), symbols: 30);
        long reads = 0;
        var unstamped = await ReplayRun.Events(synthetic.Replay(2, new ReplayOptions { BatchSize = BatchSize }));

        var batches = await synthetic.Replay(2, new ReplayOptions { BatchSize = BatchSize, ReceiveClock = () => Interlocked.Increment(ref reads) })
            .Source.RunWith(Sink.ToList<EventBatch>()).Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var stamped = batches.SelectMany(b => b.Events.ToArray()).ToList();

        Assert.Equal(unstamped, stamped.Select(WithReceiveTime(e => e.Header.ExchangeTimeNs)));
        long previous = 0;
        foreach (var batch in batches)
        {
            var stamps = batch.Events.ToArray().Select(e => e.Header.ReceiveTimeNs).ToList();
            Assert.True(stamps[0] > previous, "each batch's first event has a stamp of its own");
            Assert.Equal(stamps.Order(), stamps);
            Assert.All(stamps.GroupBy(s => s), g => Assert.InRange(g.Count(), 1, ReceiveStamps.UnitsPerStamp));
            previous = stamps[^1];
        }
        // The directory messages and the stream's buffer refills add a few reads beyond one per 64 events.
        Assert.InRange(reads, stamped.Count / ReceiveStamps.UnitsPerStamp, stamped.Count / 32);
    }

    /// <summary>The event with its receive time replaced (the payload read back and packed again).</summary>
    private static Func<MarketEvent, MarketEvent> WithReceiveTime(Func<MarketEvent, long> receiveTime) => e =>
    {
        var header = e.Header with { ReceiveTimeNs = receiveTime(e) };
        return e.Kind switch
        {
            MarketEventKind.Order => MarketEvent.From(e.AsOrder() with { Header = header }),
            MarketEventKind.Trade => MarketEvent.From(e.AsTrade() with { Header = header }),
            MarketEventKind.Status => MarketEvent.From(e.AsStatus() with { Header = header }),
            _ => throw new InvalidOperationException($"ITCH yields no {e.Kind}."),
        };
    };
}
