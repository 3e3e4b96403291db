using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Recording;
using FlowSense.Pipeline.Snapshots;
using FlowSense.Pipeline.Symbols;
using static FlowSense.Pipeline.Tests.Symbols.TestEvents;

namespace FlowSense.Pipeline.Tests.Recording;

/// <summary>
/// A symbol actor's time-series rows, through a fake writer: which rows an event stream produces (every applied trade
/// and quote, every closed bar, one book-top and one features sample per exchange-time interval); a full writer
/// withholds acknowledgements and holds later slices, in order, losing nothing; and a snapshot waits for the flush.
/// </summary>
public sealed class SymbolRecordingTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(10))
{
    private static readonly InstrumentId X = Id("X");

    [Fact]
    public void Rows_are_the_applied_trades_and_quotes_the_closed_bars_and_one_sample_per_exchange_second()
    {
        var writer = new FakeSeriesWriter();
        var shards = Start(new SeriesRecording(writer) { BookTopDepth = 2 });

        Send(shards,
            Quote(X, 100, 1, 100, 103),
            Trade(X, 150, 101),
            Trade(X, 150, 102),            // same time, no sequence: keyed by the applied-event ordinal instead
            Quote(X, 900, 2, 101, 103),
            Quote(X, 1200, 3, 102, 104),   // first event of second 1: sampled
            Trade(X, 1300, 103),           // closes the bar of second 0
            Quote(X, 3500, 4, 103, 105),   // second 3 (second 2 had no event: nothing to sample)
            Quote(X, 3400, 4, 90, 91),     // a duplicate sequence: not applied, no row
            Trade(X, 3600, 104));          // closes the bar of second 1
        ExpectMsg<SymbolEventsAck>();

        Assert.Equal(["quote 100ms #1 100/103", "quote 900ms #2 101/103", "quote 1200ms #3 102/104", "quote 3500ms #4 103/105"], writer.RowsOf("quote"));
        Assert.Equal(["trade 150ms #2 101", "trade 150ms #3 102", "trade 1300ms #6 103", "trade 3600ms #8 104"], writer.RowsOf("trade"));
        Assert.Equal(["book_top 100ms #1 100/103", "book_top 1200ms #3 102/104", "book_top 3500ms #4 103/105"], writer.RowsOf("book_top"));
        Assert.Equal(["features 100ms mid 101.5", "features 1200ms mid 103", "features 3500ms mid 104"], writer.RowsOf("features"));
        Assert.Equal(["bar 1s 0ms o101 c102 n2", "bar 1s 1000ms o103 c103 n1"], writer.RowsOf("bar"));
        Assert.Equal(0, writer.Refusals);
    }

    [Fact]
    public void A_full_writer_withholds_the_acknowledgement_and_holds_later_slices_in_order_until_it_has_room()
    {
        var writer = new FakeSeriesWriter { Capacity = 3 };
        var shards = Start(new SeriesRecording(writer) { Bars = false, BookTopInterval = null, FeaturesInterval = null });

        Send(shards, [.. Enumerable.Range(1, 5).Select(i => Quote(X, i, i, 100, 101 + i))]);  // rows 4 and 5 do not fit
        Send(shards, Quote(X, 6, 6, 100, 107), Quote(X, 7, 7, 100, 108));
        SymbolEntry entry = shards.Directory.Entry(SymbolKey.EntityId(X));

        AwaitAssert(() => Assert.Equal(5, entry.Counters.Applied)); // the first slice was applied...
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));                  // ...but not acknowledged
        Assert.Equal(5, entry.Counters.Applied);                      // and the second is held, not applied
        Assert.Equal(3, writer.Rows.Count);

        writer.MakeRoom(100);
        Assert.Equal(5, ExpectMsg<SymbolEventsAck>().Applied);        // acknowledgements in order, once there is room
        Assert.Equal(2, ExpectMsg<SymbolEventsAck>().Applied);
        Assert.Equal([.. Enumerable.Range(1, 7).Select(i => $"quote {i}ms #{i} 100/{101 + i}")], writer.RowsOf("quote")); // nothing lost, in order
    }

    [Fact]
    public async Task A_snapshot_is_stored_only_after_the_rows_before_it_are_flushed()
    {
        var writer = new FakeSeriesWriter { HoldFlushes = true };
        var store = new InMemorySnapshotStore();
        var persistence = new SymbolPersistence(store, new SymbolSnapshotOptions { EveryEvents = 1_000_000, Every = TimeSpan.FromHours(1) }, _ => 1);
        var shards = Start(new SeriesRecording(writer), persistence);
        Send(shards, Quote(X, 100, 1, 100, 103), Quote(X, 200, 2, 100, 104));
        ExpectMsg<SymbolEventsAck>();

        shards.Region.Tell(new ShardEnvelope(SymbolKey.EntityId(X), SaveSymbolSnapshot.Instance), TestActor.Ref);
        AwaitAssert(() => Assert.Equal(1, writer.FlushesStarted));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Null(await store.LoadAsync(SymbolKey.EntityId(X), SnapshotSelectionCriteria.Latest)); // not ahead of the rows

        writer.ReleaseFlushes();
        Assert.Equal(2, ExpectMsg<SymbolSnapshotSaved>().Metadata.SequenceNr);
        Assert.NotNull(await store.LoadAsync(SymbolKey.EntityId(X), SnapshotSelectionCriteria.Latest));
    }

    private SymbolShards Start(SeriesRecording recording, SymbolPersistence? persistence = null)
    {
        var catalog = new SymbolCatalog().AddVenue(Venue, id => new SymbolSettings(new Instrument(id, 0, 1, 0), BookType.L1)
        {
            BarTimeFrames = [TimeFrame.OneSecond],
        });
        return SymbolShards.Start(Sys, catalog, new ShardingOptions { ShardCount = 4 }, persistence, recording);
    }

    private void Send(SymbolShards shards, params MarketEvent[] events) =>
        shards.Region.Tell(new SymbolEvents(X, events, 0, events.Length), TestActor.Ref);
}
