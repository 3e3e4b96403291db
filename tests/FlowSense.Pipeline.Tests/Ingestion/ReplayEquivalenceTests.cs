using FlowSense.Actors;
using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.OrderBook;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>
/// A replay through the whole pipeline (replay source → regroup by instrument → shard region → shards → symbol
/// actors, acknowledged) ends with exactly the books, features and bars of the market-data core fed the same events
/// by hand (<see cref="DirectCore"/>), and the counters account for every event.
/// </summary>
public sealed class ReplayEquivalenceTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(30))
{
    [Fact]
    public async Task Lobster_AAPL_through_the_pipeline_equals_the_core()
    {
        var catalog = new SymbolCatalog().Add(Recorded.LobsterSettings);
        int compared = await CompareAsync(catalog, Recorded.Lobster(), Recorded.Lobster());
        Assert.Equal(1, compared);
    }

    [Fact]
    public async Task Lean_IBM_ticks_through_the_pipeline_equal_the_core()
    {
        var catalog = new SymbolCatalog().Add(Recorded.LeanSettings);
        int compared = await CompareAsync(catalog, Recorded.LeanIbm(), Recorded.LeanIbm(), requireBars: true);
        Assert.Equal(1, compared);
    }

    [Fact]
    public async Task Coinbase_capture_through_the_pipeline_equals_the_core()
    {
        int compared = await CompareAsync(Recorded.CoinbaseCatalog(), Recorded.Coinbase(), Recorded.Coinbase());
        Assert.True(compared >= 2, $"only {compared} products compared");
    }

    /// <summary>Runs <paramref name="piped"/> through the pipeline and <paramref name="direct"/> through the core; returns the instruments compared.</summary>
    private async Task<int> CompareAsync(SymbolCatalog catalog, ReplaySource piped, ReplaySource direct, bool requireBars = false)
    {
        var events = await Recorded.EventsOf(direct);
        var shards = SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 16 });
        var run = IngestionPipeline.Run(piped, shards, new IngestionOptions { Name = "equivalence", MaxBatchesInFlight = 4 });
        var totals = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(events.Count, totals.EventsIn);
        Assert.Equal(totals.EventsIn, totals.Delivered + totals.Unroutable);
        Assert.Equal(totals.Delivered, totals.Applied + totals.Duplicates + totals.Rejected + totals.Skipped + totals.Quarantined);
        Assert.Equal(totals.Slices, totals.Acknowledged);
        Assert.Equal(0, totals.Duplicates);
        Assert.Equal(0, totals.Quarantined);
        Assert.True(run.SourceProgress!.Snapshot().IsComplete);

        int compared = 0;
        foreach (var instrument in events.Select(e => e.Header.Instrument).Distinct())
        {
            if (!catalog.TryResolve(instrument, out var settings))
                continue;
            var core = new DirectCore(settings);
            foreach (var e in events.Where(e => e.Header.Instrument == instrument))
                core.Feed(e);

            string id = SymbolKey.EntityId(instrument);
            var book = await shards.Region.Ask<BookTop>(new GetBook(id, 10));
            Assert.Equal(Top(core.Book, Side.Bid), book.Bids);
            Assert.Equal(Top(core.Book, Side.Ask), book.Asks);
            Assert.True(book.Bids.Count + book.Asks.Count > 0, $"{instrument}: empty book");

            var features = await shards.Region.Ask<FeatureValues>(new GetFeatures(id));
            Assert.Equal(core.Features.Snapshot(), features.Features);

            var bars = await shards.Region.Ask<RecentBars>(new GetBars(id, 100_000));
            foreach (var (frame, piped1) in bars.ByTimeFrame)
                Assert.Equal(core.Bars.GetValueOrDefault(frame) ?? [], piped1);
            if (requireBars)
                Assert.NotEmpty(bars.ByTimeFrame.Values.First());

            var health = await shards.Region.Ask<SymbolHealth>(new GetSymbolHealth(id));
            Assert.Equal(events.Count(e => e.Header.Instrument == instrument), health.Applied + health.Rejected + health.Skipped);
            compared++;
        }
        Assert.Equal(compared, shards.Directory.List().Count);
        return compared;
    }

    private static Level[] Top(IBookView book, Side side)
    {
        var levels = new Level[Math.Min(10, book.LevelCount(side))];
        book.TopLevels(side, levels);
        return levels;
    }
}
