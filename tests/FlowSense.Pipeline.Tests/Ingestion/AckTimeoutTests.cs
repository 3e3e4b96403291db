using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Subscriptions;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>
/// <see cref="IngestionOptions.AckTimeout"/>: a run whose buffers all stay out (a symbol that withholds its
/// acknowledgements, here for a subscriber without credit) fails after the timeout, naming the symbols it waited for and
/// where to look; a run
/// whose every wait for a buffer ends within the timeout completes, however long it takes in all.
/// </summary>
public sealed class AckTimeoutTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(10))
{
    private const int Batches = 12;
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan LongTimeout = TimeSpan.FromMilliseconds(1_500);
    private static readonly TimeSpan CreditEvery = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_run_whose_buffers_stay_out_fails_after_the_ack_timeout_saying_what_is_outstanding()
    {
        var (shards, _) = StartWithSubscriber(initialCredit: 1);
        var run = IngestionPipeline.Run(Source.From(Quotes(Id("X"))), shards,
            new IngestionOptions { Name = "stuck", MaxBatchesInFlight = 2, AckTimeout = Timeout });

        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => run.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(DateTime.UtcNow - started >= Timeout - TimeSpan.FromMilliseconds(50), $"failed after {DateTime.UtcNow - started}");
        Assert.Contains("'stuck'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("2 slices outstanding, for TEST:X)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("flowsense symbol list", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waits_that_each_end_within_the_timeout_never_fail_the_run()
    {
        var (shards, symbol) = StartWithSubscriber(initialCredit: 1);
        var run = IngestionPipeline.Run(Source.From(Quotes(Id("X"))), shards,
            new IngestionOptions { Name = "slow", MaxBatchesInFlight = 1, AckTimeout = LongTimeout });

        // A credit every 250 ms: each wait for the buffer is a sixth of the timeout (room for a late timer on a busy
        // machine), the whole run twice the timeout.
        for (int credit = 1; credit < Batches; credit++)
        {
            await Task.Delay(CreditEvery);
            Assert.False(run.Completion.IsFaulted, run.Completion.Exception?.ToString());
            symbol.Tell(new SubscriptionCredit(SymbolKey.EntityId(Id("X")), 1), TestActor.Ref);
        }
        var totals = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Batches, totals.Applied);
    }

    private (SymbolShards Shards, Actors.IActorRef Symbol) StartWithSubscriber(int initialCredit)
    {
        var catalog = Catalog(BookType.L1);
        var shards = SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 2 });
        shards.Region.Tell(new SubscribeSymbol(SymbolKey.EntityId(Id("X")), TestActor.Ref, initialCredit, SymbolTopics.Features), TestActor.Ref);
        return (shards, ExpectMsg<SymbolSubscribed>().Symbol);
    }

    // One quote per batch, each a new top of book, so each applied batch sends the subscriber one update.
    private static IEnumerable<EventBatch> Quotes(InstrumentId x)
    {
        for (long n = 1; n <= Batches; n++)
            yield return new EventBatch([Quote(x, n, n, 100 + n, 200 + n)], 1);
    }
}
