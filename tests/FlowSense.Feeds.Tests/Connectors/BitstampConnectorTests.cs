using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.TestSupport.LoopbackVenues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Connectors;

/// <summary>
/// The Bitstamp connector against a loopback Bitstamp replaying the recorded diff_order_book/live_trades session and
/// its REST order_book snapshots: every book a downstream consumer rebuilds must end equal to the venue's own books.
/// </summary>
public sealed class BitstampConnectorTests : FlowSense.Actors.TestKit.TestKit
{
    /// <summary>The pairs of the recorded subscribe frames.</summary>
    private static readonly string[] Pairs = ["sgbeur", "ethusd", "xrpeur", "bateur", "usdteur", "usdtusd", "xlmgbp", "adaeur", "batbtc", "galaeur"];
    private static readonly IReadOnlyList<RecordedMessage> Session = RecordedSession.Load(
        SharedData.File("crypto", "BITSTAMP.ws.1.0"), SharedData.File("crypto", "BITSTAMP.http.0.0"));

    [Fact]
    public async Task An_uninterrupted_session_ends_with_the_venues_books()
    {
        await using var venue = await ConnectorHarness.StartVenueAsync(new BitstampSimulator(Session), Session);
        var (sink, status) = ConnectorHarness.Run(Sys, new BitstampVenue(), venue, Pairs);

        await AssertBooksConverge(venue, sink);
        Assert.Equal(1, status.Connects);
        Assert.Equal(ConnectorState.Live, status.State);
    }

    [Fact]
    public async Task A_dropped_connection_is_reconnected_and_every_book_is_rebuilt_from_a_fresh_snapshot()
    {
        await using var venue = await ConnectorHarness.StartVenueAsync(new BitstampSimulator(Session), Session);
        venue.Inject(ConnectorHarness.IndexOf(Session, "\"channel\":\"diff_order_book_", occurrence: 400), Fault.Disconnect);
        var (sink, status) = ConnectorHarness.Run(Sys, new BitstampVenue(), venue, Pairs);

        await AssertBooksConverge(venue, sink);
        Assert.Equal(2, venue.Connections);
        Assert.Equal(1, status.Reconnects);
        var simulator = (BitstampSimulator)venue.Simulator;
        Assert.All(Pairs, p => Assert.True(simulator.SnapshotsServed(p) >= 2, $"{p}: {simulator.SnapshotsServed(p)} snapshots"));
    }

    /// <summary>
    /// Books converge, and they are real books: the venue's replica of every pair is in sync, having applied diffs
    /// after their snapshots (two empty or two equally stale books would be equal too).
    /// </summary>
    private static async Task AssertBooksConverge(LoopbackVenue venue, BookCollector sink)
    {
        var replica = ((BitstampSimulator)venue.Simulator).Replica;
        var pairs = Pairs.Select(p => new InstrumentId(BitstampCodec.Venue, p)).ToList();
        await ConnectorHarness.AssertBooksConverge(venue, sink, pairs, i => replica.Book(i)?.Book.View);
        Assert.All(pairs, p => Assert.True(replica.Book(p) is { AwaitingSnapshot: false, Crossed: 0 } sync && sync.Book.Count(Side.Bid) > 0,
            $"{p}: the venue's book is not live"));
        // sgbeur is quiet in the recording (no diff at all); the others move.
        Assert.True(pairs.Count(p => replica.Book(p)!.Applied > 0) >= Pairs.Length - 1, "the venue's books hardly moved");
    }
}
