using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Subscriptions;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Subscriptions;

/// <summary>
/// A subscriber without credit stops ingestion: the symbol withholds its acknowledgements, the pipeline stops taking
/// batches once its buffers are out, and nothing is dropped; as credit comes, every update and every event arrives.
/// </summary>
public sealed class BackpressureTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(10))
{
    private const int Batches = 40;
    private const int EventsPerBatch = 10;
    private const int InFlight = 3;

    [Fact]
    public async Task A_slow_subscriber_slows_ingestion_with_bounded_memory_and_no_loss()
    {
        var x = Id("X");
        var catalog = Catalog(BookType.L1);
        var shards = SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 4 });
        var subscriber = CreateTestProbe();
        shards.Region.Tell(new SubscribeSymbol(SymbolKey.EntityId(x), subscriber.Ref, InitialCredit: 2, SymbolTopics.Features), TestActor.Ref);
        var subscribed = ExpectMsg<SymbolSubscribed>();

        var run = IngestionPipeline.Run(Source.From(Quotes(x)), shards, new IngestionOptions { Name = "slow", MaxBatchesInFlight = InFlight });

        // Two updates pass on the initial credit; then the symbol holds everything.
        subscriber.ExpectMsg<FeatureUpdate>();
        subscriber.ExpectMsg<FeatureUpdate>();
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var stalled = run.Counters.Snapshot();
        Assert.False(run.Completion.IsCompleted);
        // The two slices whose updates went out were acknowledged; the third waits for credit, and the source was
        // read only until every buffer was out: what waits is exactly the window, however long the stall.
        Assert.Equal(2, stalled.Acknowledged);
        Assert.Equal(InFlight, stalled.Slices - stalled.Acknowledged);
        Assert.Equal(stalled.Acknowledged + InFlight, stalled.Batches);

        // Credit one update at a time: every update arrives, in order, and ingestion finishes.
        long lastApplied = 0;
        int received = 2;
        while (received < Batches)
        {
            subscribed.Symbol.Tell(new SubscriptionCredit(SymbolKey.EntityId(x), 1), subscriber.Ref);
            var update = subscriber.ExpectMsg<FeatureUpdate>();
            Assert.True(update.Applied > lastApplied);
            lastApplied = update.Applied;
            received++;
        }
        var totals = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Batches * EventsPerBatch, totals.Applied);
        Assert.Equal(Batches * EventsPerBatch, lastApplied);
        Assert.Equal(totals.Slices, totals.Acknowledged);
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private static IEnumerable<EventBatch> Quotes(InstrumentId x)
    {
        long sequence = 0;
        for (int b = 0; b < Batches; b++)
        {
            var events = new MarketEvent[EventsPerBatch];
            for (int i = 0; i < EventsPerBatch; i++)
            {
                sequence++;
                events[i] = Quote(x, sequence, sequence, 100 + (sequence % 3), 103);
            }
            yield return new EventBatch(events, events.Length);
        }
    }
}
