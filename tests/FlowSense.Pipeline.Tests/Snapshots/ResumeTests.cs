using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Symbols;
using FlowSense.Pipeline.Tests.Ingestion;

namespace FlowSense.Pipeline.Tests.Snapshots;

/// <summary>
/// A resumed replay: the resume point is the lowest position the source's symbols recovered, and an ingestion run
/// resuming after it reads but does not deliver the events up to there, and numbers the rest as the first run did.
/// </summary>
public sealed class ResumeTests() : Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(30))
{
    private static readonly InstrumentId Btc = new("COINBASE", "BTC-USD");
    private static readonly InstrumentId Eth = new("COINBASE", "ETH-USD");

    [Fact]
    public async Task The_resume_point_is_the_lowest_position_the_symbols_recovered_and_zero_when_a_symbol_has_no_snapshot()
    {
        var store = new InMemorySnapshotStore();
        await SaveAsync(store, Btc, ("coinbase", 500), ("other", 9));
        await SaveAsync(store, Eth, ("coinbase", 300));
        var ltc = new InstrumentId("COINBASE", "LTC-USD");
        var shards = StartRecovering(store);

        Assert.Equal(300, await ResumePoint.FindAsync(shards, "coinbase", [Btc, Eth]));
        Assert.Equal(0, await ResumePoint.FindAsync(shards, "other", [Btc, Eth]));
        Assert.Equal(0, await ResumePoint.FindAsync(shards, "coinbase", [Btc, Eth, ltc]));
        Assert.Equal(500, await ResumePoint.FindAsync(shards, "coinbase", [Btc, Btc]));
        Assert.Equal(0, ResumePoint.Lowest([]));
    }

    [Fact]
    public async Task Each_snapshot_is_read_once_when_the_resume_point_is_found_after_recovery()
    {
        var store = new LoadCountingStore(new InMemorySnapshotStore());
        await SaveAsync(store, Btc, ("coinbase", 500));
        await SaveAsync(store, Eth, ("coinbase", 300));
        var shards = StartRecovering(store);

        Assert.Equal(300, await ResumePoint.FindAsync(shards, "coinbase", [Btc, Eth]));
        Assert.Equal(300, await ResumePoint.FindAsync(shards, "coinbase", [Btc, Eth])); // asked again: recovered already

        Assert.Equal(1, store.LoadsOf(SymbolKey.EntityId(Btc)));
        Assert.Equal(1, store.LoadsOf(SymbolKey.EntityId(Eth)));
    }

    [Fact]
    public async Task A_resumed_run_skips_the_events_up_to_the_resume_point_and_counts_them()
    {
        var all = await Recorded.EventsOf(Recorded.Coinbase());
        var shards = SymbolShards.Start(Sys, Recorded.CoinbaseCatalog(), new ShardingOptions { ShardCount = 8 });
        const long resumeAfter = 1000;

        var run = IngestionPipeline.Run(Recorded.Coinbase(), shards, new IngestionOptions { Name = "coinbase", ResumeAfter = resumeAfter });
        var totals = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(all.Count, totals.EventsIn);
        Assert.Equal(resumeAfter, totals.SkippedOnResume);
        Assert.Equal(totals.EventsIn - resumeAfter, totals.Delivered + totals.Unroutable);
        foreach (InstrumentId instrument in all.Skip((int)resumeAfter).Select(e => e.Header.Instrument).Distinct())
        {
            Assert.True(shards.Directory.TryGet(instrument, out SymbolEntry entry));
            // Positions continue the source's numbering: the last event of the instrument in the whole recording.
            Assert.Equal(all.FindLastIndex(e => e.Header.Instrument == instrument) + 1, entry.Positions.Of("coinbase"));
        }
    }

    private static SymbolSettings Settings(InstrumentId instrument) => new(new Instrument(instrument, 8, 1, 8), BookType.L2);

    /// <summary>Symbol shards whose symbols recover from <paramref name="store"/> (and take no snapshot of their own here).</summary>
    private SymbolShards StartRecovering(ISnapshotStore store)
    {
        var catalog = new SymbolCatalog().AddVenue("COINBASE", id => Settings(id));
        var persistence = new SymbolPersistence(store, new SymbolSnapshotOptions { EveryEvents = 1_000_000, Every = TimeSpan.FromHours(1) }, _ => 1);
        return SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 4 }, persistence);
    }

    private static async Task SaveAsync(ISnapshotStore store, InstrumentId instrument, params (string Source, long Position)[] positions)
    {
        var input = new InputPositions();
        foreach (var (source, position) in positions)
        {
            var cursor = input.For(source);
            Assert.True(cursor.Advance(position));
        }
        string id = SymbolKey.EntityId(instrument);
        byte[] bytes = SymbolSnapshot.Write(id, new SymbolState(Settings(instrument)), input, new SymbolCounters());
        await store.SaveAsync(new SnapshotMetadata(id, 1, DateTimeOffset.UnixEpoch), SymbolSnapshot.Manifest, bytes);
    }
}
