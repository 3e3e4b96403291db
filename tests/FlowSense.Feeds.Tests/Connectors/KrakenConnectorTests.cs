using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Kraken;
using FlowSense.Feeds.TestSupport.LoopbackVenues;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Connectors;

/// <summary>The Kraken connector against a loopback Kraken replaying the recorded book-1000 session.</summary>
public sealed class KrakenConnectorTests : FlowSense.Actors.TestKit.TestKit
{
    private static readonly string[] Pairs = ["WAVES/EUR", "XMR/USD", "KSM/XBT", "GRT/ETH", "SC/EUR", "ETH/CHF", "OCEAN/XBT", "OMG/USD", "XBT/CHF", "ADA/XBT"];
    private static readonly IReadOnlyList<RecordedMessage> Session = RecordedSession.Load(SharedData.File("crypto", "KRAKEN.ws.50.0"));

    /// <summary>What marks a book update (it carries a checksum).</summary>
    private const string BookUpdate = "\"c\":";

    [Fact]
    public async Task A_corrupted_update_fails_its_checksum_and_a_resubscription_puts_the_book_right()
    {
        await using var venue = await ConnectorHarness.StartVenueAsync(new KrakenSimulator(), Session);
        // Corrupt the first update after the 300th that changes a level the checksum covers (the top 10).
        var simulator = (KrakenSimulator)venue.Simulator;
        int start = ConnectorHarness.IndexOf(Session, BookUpdate, occurrence: 300), published = 0;
        bool corrupted = false;
        venue.FaultPolicy = message =>
        {
            if (corrupted || published++ < start || !simulator.TouchesChecksummedLevels(message))
                return Fault.None;
            corrupted = true;
            return Fault.Corrupt;
        };
        var (sink, status) = ConnectorHarness.Run(Sys, new KrakenVenue(), venue, Pairs);

        await AssertBooksConverge(venue, sink);
        Assert.True(corrupted);
        Assert.True(status.Resyncs >= 1, $"the checksum mismatch was not resynchronized: {status}");
        Assert.True(status.Connects == 1, status.ToString());
    }

    [Fact]
    public async Task A_dropped_connection_resubscribes_and_every_book_is_rebuilt_from_a_fresh_snapshot()
    {
        await using var venue = await ConnectorHarness.StartVenueAsync(new KrakenSimulator(), Session);
        venue.Inject(ConnectorHarness.IndexOf(Session, BookUpdate, occurrence: 2000), Fault.Disconnect);
        var (sink, status) = ConnectorHarness.Run(Sys, new KrakenVenue(), venue, Pairs);

        await AssertBooksConverge(venue, sink);
        Assert.Equal(1, status.Reconnects);
    }

    private static Task AssertBooksConverge(LoopbackVenue venue, BookCollector sink)
    {
        var replica = ((KrakenSimulator)venue.Simulator).Replica;
        return ConnectorHarness.AssertBooksConverge(venue, sink, Pairs.Select(s => new InstrumentId(KrakenCodec.Venue, s)), i => replica.Pair(i)?.Book.View);
    }
}
