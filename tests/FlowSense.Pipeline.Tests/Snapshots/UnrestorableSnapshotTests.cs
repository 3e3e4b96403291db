using System.Collections.Concurrent;
using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Symbols;
using FlowSense.Pipeline.Tests.Ingestion;

namespace FlowSense.Pipeline.Tests.Snapshots;

/// <summary>
/// A symbol whose snapshot can never be restored (taken with other settings, or corrupt) fails once, clearly, and
/// stops processing: no restart loop, every slice still acknowledged so ingestion completes, the snapshot left as it
/// was. A store that fails to answer is retried with a back-off and counted instead.
/// </summary>
public sealed class UnrestorableSnapshotTests() : Actors.TestKit.TestKit(virtualTime: true, defaultTimeout: TimeSpan.FromSeconds(20))
{
    private readonly InMemorySnapshotStore _store = new();

    private SymbolPersistence Persistence(ISnapshotStore? store = null) =>
        new(store ?? _store, new SymbolSnapshotOptions { EveryEvents = 100, Every = TimeSpan.FromMinutes(10) }, _ => 1) { Time = Sys.TimeProvider };

    private static async Task<SymbolFeed> AaplAsync(SymbolSettings? settings = null) =>
        new(settings ?? Recorded.LobsterSettings, await Recorded.EventsOf(Recorded.Lobster()));

    private ConcurrentQueue<SymbolRecoveryFailed> WatchFailures(ActorSystem system)
    {
        var failures = new ConcurrentQueue<SymbolRecoveryFailed>();
        Disposables.Add(system.EventStream.Subscribe<SymbolRecoveryFailed>(failures.Enqueue));
        return failures;
    }

    private List<IDisposable> Disposables { get; } = [];

    [Fact]
    public async Task A_snapshot_taken_with_other_bar_time_frames_fails_once_and_every_later_slice_is_acknowledged_as_refused()
    {
        var before = await AaplAsync();
        var first = SymbolShards.Start(Sys, new SymbolCatalog().Add(before.Settings), new ShardingOptions { ShardCount = 4 }, Persistence());
        before.Send(first.Region, TestActor, 0, 300);
        await first.SnapshotAllAsync();

        // The next run builds 5-minute bars instead of 1-minute ones.
        var after = await AaplAsync(Recorded.LobsterSettings with { BarTimeFrames = [TimeFrame.OneSecond, new TimeFrame(TimeSpan.FromMinutes(5).Ticks * 100)] });
        await using var second = ActorSystem.Create("changed-settings", timeProvider: Sys.TimeProvider);
        var failures = WatchFailures(second);
        var shards = SymbolShards.Start(second, new SymbolCatalog().Add(after.Settings), new ShardingOptions { ShardCount = 4 }, Persistence());

        var acks = after.Send(shards.Region, TestActor, 0, 1000);

        Assert.Equal(1000, acks.Sum(a => a.Rejected));
        Assert.Equal(0, acks.Sum(a => a.Applied));
        SymbolRecoveryFailed failure = Assert.Single(failures);
        Assert.Equal(after.EntityId, failure.EntityId);
        Assert.Equal(300, failure.SnapshotSequenceNr);
        Assert.Contains("bar period", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("mv state/flowsense.db state/flowsense.db.bak", failure.Message, StringComparison.Ordinal);

        Assert.True(shards.Directory.TryGet(after.Instrument, out SymbolEntry entry));
        Assert.Equal(0, entry.Counters.Restarts);
        Assert.Equal(1, entry.Incarnations);
        Assert.Equal(1000, entry.Counters.Rejected);
        Assert.Equal(failure.Message, SymbolDirectory.Health(entry).Failure);
        Assert.Empty(await shards.SnapshotAllAsync()); // the shutdown's snapshot phase leaves it alone
        Assert.Equal(300, (await _store.LoadAsync(after.EntityId, SnapshotSelectionCriteria.Latest))!.Metadata.SequenceNr);
        var book = await shards.Region.Ask<BookTop>(new GetBook(after.EntityId, 5));
        Assert.Empty(book.Bids); // an empty symbol, not a half-restored one
    }

    [Fact]
    public async Task A_corrupt_snapshot_fails_the_same_way()
    {
        var feed = await AaplAsync();
        await _store.SaveAsync(new SnapshotMetadata(feed.EntityId, 42, DateTimeOffset.UnixEpoch), SymbolSnapshot.Manifest, new byte[] { 1, 2, 3, 4, 5 });
        var failures = WatchFailures(Sys);
        var shards = SymbolShards.Start(Sys, new SymbolCatalog().Add(feed.Settings), new ShardingOptions { ShardCount = 4 }, Persistence());

        var acks = feed.Send(shards.Region, TestActor, 0, 200);

        Assert.Equal(200, acks.Sum(a => a.Rejected));
        Assert.Equal(42, Assert.Single(failures).SnapshotSequenceNr);
        Assert.True(shards.Directory.TryGet(feed.Instrument, out SymbolEntry entry));
        Assert.Equal(0, entry.Counters.Restarts);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_is_retried_with_a_back_off_and_counted()
    {
        var feed = await AaplAsync();
        var store = new LoadCountingStore(_store, failures: 3);
        var shards = SymbolShards.Start(Sys, new SymbolCatalog().Add(feed.Settings), new ShardingOptions { ShardCount = 4 }, Persistence(store));
        SymbolEntry entry = shards.Directory.Entry(feed.EntityId);
        shards.Region.Tell(new SymbolEvents(feed.Instrument, [(await Recorded.EventsOf(Recorded.Lobster()))[0]], 0, 1), TestActor.Ref);

        // Back-offs of 100, 200 and 400 ms: nothing is acknowledged until a load succeeds.
        for (int retries = 1; retries <= 3; retries++)
        {
            int expected = retries;
            AwaitAssert(() => Assert.Equal(expected, entry.Counters.RecoveryRetries));
            AwaitAssert(() =>
            {
                Time.Advance(TimeSpan.FromMilliseconds(100)); // until the retry's timer (scheduled on the actor's turn) fires
                Assert.True(store.Loads > expected);
            });
        }

        var ack = ExpectMsg<SymbolEventsAck>();
        Assert.Equal(1, ack.Applied);
        Assert.Equal(3, entry.Counters.RecoveryRetries);
        Assert.Null(entry.Failure);
        Assert.Equal(0, entry.Counters.Restarts);
    }

    [Fact]
    public async Task An_ingestion_run_completes_when_a_symbols_snapshot_has_another_vpin_bucket_volume()
    {
        var skl = new InstrumentId("COINBASE", "SKL-USD");
        SymbolCatalog Catalog(long bucket) => new SymbolCatalog().AddVenue("COINBASE", id =>
            Recorded.CoinbaseCatalog().TryResolve(id, out var s) ? s with { Features = s.Features with { Vpin = new VpinOptions(bucket) } } : throw new InvalidOperationException());
        Assert.True(Catalog(10_000).TryResolve(skl, out SymbolSettings old));
        string id = SymbolKey.EntityId(skl);
        await _store.SaveAsync(new SnapshotMetadata(id, 7, DateTimeOffset.UnixEpoch), SymbolSnapshot.Manifest,
            SymbolSnapshot.Write(id, new SymbolState(old), new InputPositions(), new SymbolCounters()));
        var failures = WatchFailures(Sys);
        var shards = SymbolShards.Start(Sys, Catalog(5_000), new ShardingOptions { ShardCount = 8 }, Persistence());

        var totals = await IngestionPipeline.Run(Recorded.Coinbase(), shards, new IngestionOptions { Name = "coinbase" }).Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(totals.EventsIn, totals.Delivered + totals.Unroutable);
        SymbolRecoveryFailed failure = Assert.Single(failures);
        Assert.Equal(skl, failure.Instrument);
        Assert.Contains("bucket volume", failure.Reason, StringComparison.Ordinal);
        Assert.True(shards.Directory.TryGet(skl, out SymbolEntry entry));
        Assert.Equal(0, entry.Counters.Restarts);
        Assert.Equal(0, entry.Counters.Applied);
        Assert.True(shards.Directory.TryGet(new InstrumentId("COINBASE", "DASH-BTC"), out SymbolEntry other));
        Assert.True(other.Counters.Applied > 0); // the other symbols are unaffected
    }

    protected override void Dispose(bool disposing)
    {
        foreach (IDisposable d in Disposables)
            d.Dispose();
        base.Dispose(disposing);
    }
}
