using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.TestSupport.LoopbackVenues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Connectors;

/// <summary>
/// The Coinbase connector against a loopback Coinbase replaying the recorded level2/ticker/matches session: every
/// book a downstream consumer rebuilds from the connector's deltas must end equal to the venue's own books.
/// </summary>
public sealed class CoinbaseConnectorTests : FlowSense.Actors.TestKit.TestKit
{
    /// <summary>The products of the recorded subscribe frames.</summary>
    private static readonly string[] Products = ["SKL-USD", "SKL-BTC", "BAND-GBP", "NMR-EUR", "BAND-BTC", "YFI-BTC", "DASH-BTC", "NU-GBP", "CRV-EUR", "SKL-GBP"];
    private static readonly IReadOnlyList<RecordedMessage> Session = RecordedSession.Load(SharedData.File("crypto", "COINBASE.ws.28.0"));

    [Fact]
    public async Task An_uninterrupted_session_ends_with_the_venues_books()
    {
        await using var venue = await ConnectorHarness.StartVenueAsync(new CoinbaseSimulator(), Session);
        var (sink, status) = ConnectorHarness.Run(Sys, new CoinbaseVenue(), venue, Products);

        await AssertBooksConverge(venue, sink);
        Assert.Equal(1, status.Connects);
        Assert.Equal(ConnectorState.Live, status.State);
    }

    [Fact]
    public async Task A_dropped_connection_resubscribes_and_every_book_is_rebuilt_from_a_fresh_snapshot()
    {
        await using var venue = await ConnectorHarness.StartVenueAsync(new CoinbaseSimulator(), Session);
        venue.Inject(ConnectorHarness.IndexOf(Session, "{\"type\":\"l2update\"", occurrence: 5000), Fault.Disconnect);
        var (sink, status) = ConnectorHarness.Run(Sys, new CoinbaseVenue(), venue, Products);

        await AssertBooksConverge(venue, sink);
        Assert.Equal(2, venue.Connections);
        Assert.Equal(1, status.Reconnects);
        // Every product had its recorded snapshot long before the drop, so the new connection's subscription is
        // answered with a snapshot of each from the venue's book as it stood then.
        Assert.True(((CoinbaseSimulator)venue.Simulator).SnapshotsServed >= Products.Length, status.ToString());
    }

    /// <summary>Books converge, and they are real books: every product's snapshot reached the venue's replica (two empty books would be equal too).</summary>
    private static async Task AssertBooksConverge(LoopbackVenue venue, BookCollector sink)
    {
        var replica = ((CoinbaseSimulator)venue.Simulator).Replica;
        var products = Products.Select(p => new InstrumentId(CoinbaseCodec.Venue, p)).ToList();
        await ConnectorHarness.AssertBooksConverge(venue, sink, products, i => replica.Book(i)?.View);
        Assert.All(products, p => Assert.False(replica.IsAwaitingSnapshot(p) || replica.Book(p)!.Count(Side.Bid) == 0, $"{p}: the venue has no book"));
        Assert.Equal(0, replica.Coinbase.UpdatesWithoutSnapshot);
    }
}
