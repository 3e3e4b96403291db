using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Actors.TestKit;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Symbols;
using FlowSense.Pipeline.Tests.Ingestion;

namespace FlowSense.Pipeline.Tests.Snapshots;

/// <summary>
/// Persistent symbol actors on recorded LOBSTER AAPL order events (L3): snapshots every N events and after T,
/// recovery in a new actor system (a restarted node) and after passivation, duplicates skipped by position, and the
/// shard's epoch on every snapshot. The oracle is a <see cref="SymbolState"/> fed every event directly, compared
/// byte for byte through its checkpoint, and the market-data core fed by hand (<see cref="DirectCore"/>).
/// </summary>
public sealed class SymbolPersistenceTests() : Actors.TestKit.TestKit(virtualTime: true, defaultTimeout: TimeSpan.FromSeconds(20))
{
    private readonly InMemorySnapshotStore _store = new();

    private static async Task<SymbolFeed> AaplAsync() =>
        new(Recorded.LobsterSettings with { BarHistory = 1000 }, await Recorded.EventsOf(Recorded.Lobster()));

    private SymbolPersistence Persistence(int everyEvents = 1000, long epoch = 1, TimeSpan? every = null) =>
        new(_store, new SymbolSnapshotOptions { EveryEvents = everyEvents, Every = every ?? TimeSpan.FromMinutes(10) }, _ => epoch)
        {
            Time = Sys.TimeProvider,
        };

    private SymbolShards Start(ActorSystem system, SymbolFeed feed, SymbolPersistence persistence, ShardingOptions? sharding = null) =>
        SymbolShards.Start(system, new SymbolCatalog().Add(feed.Settings), sharding ?? new ShardingOptions { ShardCount = 4 }, persistence);

    [Fact]
    public async Task Snapshots_every_n_events_without_waiting_for_the_store()
    {
        var feed = await AaplAsync();
        var shards = Start(Sys, feed, Persistence(everyEvents: 200));

        feed.Send(shards.Region, TestActor, 0, 650);

        shards.Directory.TryGet(feed.Instrument, out SymbolEntry entry);
        AwaitAssert(() => Assert.Equal(3, entry.Counters.Snapshots));
        SelectedSnapshot? latest = await _store.LoadAsync(feed.EntityId, SnapshotSelectionCriteria.Latest);
        Assert.Equal(600, latest!.Metadata.SequenceNr);
        Assert.Equal(feed.UninterruptedState(600), feed.StateOf(latest.Payload));
        Assert.Equal(600, SymbolSnapshot.ReadPositions(latest.Payload.Span, feed.EntityId).Of("recorded"));
        Assert.Equal(2, (await _store.DeleteAsync(feed.EntityId, SnapshotSelectionCriteria.Latest))); // retention kept the last 2
    }

    [Fact]
    public async Task Snapshots_t_after_the_first_unsaved_event_when_fewer_than_n_arrive()
    {
        var feed = await AaplAsync();
        var shards = Start(Sys, feed, Persistence(everyEvents: 10_000, every: TimeSpan.FromSeconds(5)));
        feed.Send(shards.Region, TestActor, 0, 120);
        shards.Directory.TryGet(feed.Instrument, out SymbolEntry entry);

        Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Null(await _store.LoadAsync(feed.EntityId, SnapshotSelectionCriteria.Latest));
        Time.Advance(TimeSpan.FromSeconds(1));

        AwaitAssert(() => Assert.Equal(1, entry.Counters.Snapshots));
        SelectedSnapshot? latest = await _store.LoadAsync(feed.EntityId, SnapshotSelectionCriteria.Latest);
        Assert.Equal(feed.UninterruptedState(120), feed.StateOf(latest!.Payload));
    }

    [Fact]
    public async Task A_restarted_node_recovers_and_ends_equal_to_an_uninterrupted_run_applying_nothing_twice()
    {
        var feed = await AaplAsync();
        int cut = 437;
        var first = Start(Sys, feed, Persistence(everyEvents: 100));
        feed.Send(first.Region, TestActor, 0, cut);
        await first.SnapshotAllAsync();

        // A second node on the same store, as after kill -9 and restart: it resumes from an earlier position (the
        // slowest symbol's), so the first events it receives are already in the recovered state.
        await using var second = ActorSystem.Create("restarted", timeProvider: Sys.TimeProvider);
        var restarted = Start(second, feed, Persistence(everyEvents: 100, epoch: 2));
        var acks = feed.Send(restarted.Region, TestActor, 300, feed.Count);

        Assert.Equal(cut - 300, acks.Sum(a => a.Duplicates));
        Assert.Equal(feed.Count - 300, acks.Sum(a => a.Total));
        Assert.Equal(feed.Count - cut, acks.Sum(a => a.Applied + a.Rejected + a.Skipped));
        SymbolSnapshotSaved saved = (await restarted.SnapshotAllAsync()).Single();
        Assert.Equal(2, saved.Metadata.Epoch);
        SelectedSnapshot? final = await _store.LoadAsync(feed.EntityId, SnapshotSelectionCriteria.Latest);
        Assert.Equal(feed.UninterruptedState(feed.Count), feed.StateOf(final!.Payload));

        var core = new DirectCore(feed.Settings);
        foreach (var e in await Recorded.EventsOf(Recorded.Lobster()))
            core.Feed(e);
        var features = await restarted.Region.Ask<FeatureValues>(new GetFeatures(feed.EntityId));
        Assert.Equal(core.Features.Snapshot(), features.Features);
    }

    [Fact]
    public async Task A_passivated_symbol_comes_back_from_its_snapshot_without_a_resync()
    {
        var feed = await AaplAsync();
        var sharding = new ShardingOptions { ShardCount = 4, PassivateIdleAfter = TimeSpan.FromSeconds(10) };
        var shards = Start(Sys, feed, Persistence(everyEvents: 10_000), sharding);
        var resyncs = new System.Collections.Concurrent.ConcurrentQueue<ResyncReason>();
        using var watch = Sys.EventStream.Subscribe<ResyncRequested>(r => resyncs.Enqueue(r.Reason));
        feed.Send(shards.Region, TestActor, 0, 500);
        shards.Directory.TryGet(feed.Instrument, out SymbolEntry entry);
        Assert.Equal(0, entry.Counters.Duplicates);

        Time.Advance(TimeSpan.FromSeconds(16)); // idle past the timeout and a passivation check
        AwaitAssert(() => Assert.False(entry.IsActive));
        AwaitAssert(() => Assert.Equal(1, entry.Counters.Snapshots)); // saved on the way out, not before (N is 10k)

        feed.Send(shards.Region, TestActor, 500, feed.Count);

        Assert.Equal(2, entry.Incarnations);
        Assert.DoesNotContain(ResyncReason.Recreated, resyncs);
        Assert.DoesNotContain(ResyncReason.Restarted, resyncs);
        Assert.Equal(0, entry.Counters.Duplicates);
        SymbolSnapshotSaved saved = (await shards.SnapshotAllAsync()).Single();
        Assert.Equal(feed.Count, saved.Metadata.SequenceNr);
        SelectedSnapshot? final = await _store.LoadAsync(feed.EntityId, SnapshotSelectionCriteria.Latest);
        Assert.Equal(feed.UninterruptedState(feed.Count), feed.StateOf(final!.Payload));
    }

    [Fact]
    public async Task Every_snapshot_carries_the_shards_epoch_and_a_stale_owner_is_fenced_off()
    {
        var feed = await AaplAsync();
        await _store.SaveAsync(new SnapshotMetadata("someone-else", 1, DateTimeOffset.UnixEpoch) { Epoch = 6 }, "m", new byte[] { 1 });
        var shards = Start(Sys, feed, await SymbolPersistence.ForSingleNodeAsync(_store, new SymbolSnapshotOptions { EveryEvents = 100 }));
        feed.Send(shards.Region, TestActor, 0, 150);
        shards.Directory.TryGet(feed.Instrument, out SymbolEntry entry);
        AwaitAssert(() => Assert.Equal(1, entry.Counters.Snapshots));
        Assert.Equal(7, (await _store.LoadAsync(feed.EntityId, SnapshotSelectionCriteria.Latest))!.Metadata.Epoch);

        // A newer owner (epoch 8) writes the symbol; this node's next snapshot is refused and its actor stops.
        await _store.SaveAsync(new SnapshotMetadata(feed.EntityId, 10_000, DateTimeOffset.UnixEpoch) { Epoch = 8 }, SymbolSnapshot.Manifest, new byte[] { 0 });
        feed.Send(shards.Region, TestActor, 150, 200); // the slice that makes the next snapshot due

        AwaitAssert(() => Assert.Equal(1, entry.Counters.SnapshotFailures));
        AwaitAssert(() => Assert.False(entry.IsActive));
        SelectedSnapshot? kept = await _store.LoadAsync(feed.EntityId, SnapshotSelectionCriteria.Latest);
        Assert.Equal(8, kept!.Metadata.Epoch);
    }
}
