using FlowSense.Actors;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Kraken;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSense.Feeds.Tests.Connectors;

/// <summary>The Kraken connector against a loopback Kraken replaying the recorded book-1000 session.</summary>
public sealed class KrakenConnectorTests : FlowSense.Actors.TestKit.TestKit
{
    private static readonly string[] Pairs = ["WAVES/EUR", "XMR/USD", "KSM/XBT", "GRT/ETH", "SC/EUR", "ETH/CHF", "OCEAN/XBT", "OMG/USD", "XBT/CHF", "ADA/XBT"];
    private static readonly IReadOnlyList<RecordedMessage> Session = RecordedSession.Load(SharedData.File("crypto", "KRAKEN.ws.50.0"));

    [Fact]
    public async Task A_corrupted_update_fails_its_checksum_and_a_resubscription_puts_the_book_right()
    {
        await using var venue = new LoopbackVenue(new KrakenSimulator(), Session);
        await venue.StartAsync();
        venue.Inject(UpdateIndex(occurrence: 300), Fault.Corrupt);
        var (sink, status) = RunConnector(venue);

        await AssertBooksConverge(venue, sink);
        Assert.True(status.Resyncs >= 1, $"the checksum mismatch was not resynchronized: {status}");
        Assert.True(status.Connects == 1, status.ToString());
    }

    [Fact]
    public async Task A_dropped_connection_resubscribes_and_every_book_is_rebuilt_from_a_fresh_snapshot()
    {
        await using var venue = new LoopbackVenue(new KrakenSimulator(), Session);
        await venue.StartAsync();
        venue.Inject(UpdateIndex(occurrence: 2000), Fault.Disconnect);
        var (sink, status) = RunConnector(venue);

        await AssertBooksConverge(venue, sink);
        Assert.Equal(1, status.Reconnects);
    }

    private (BookCollector Sink, ConnectorStatus Status) RunConnector(LoopbackVenue venue)
    {
        var sink = new BookCollector();
        var status = new ConnectorStatus("kraken");
        var options = new ConnectorOptions("kraken", venue.WebSocketBase, RestBase: null, Pairs) { HeartbeatTimeout = TimeSpan.FromSeconds(30) };
        var connector = Props.Create(() => new ConnectorActor(new WebSocketConnector(
            new KrakenVenue(), options, sink, new Quarantine.Quarantine(), new HttpClient(), status, TimeProvider.System, NullLogger.Instance)));
        Sys.ActorOf(BackoffSupervisor.Props(connector, "connection",
            new BackoffOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), RandomFactor: 0.2)), "kraken");
        return (sink, status);
    }

    private static int UpdateIndex(int occurrence)
    {
        int seen = 0;
        for (int i = 0; i < Session.Count; i++)
        {
            if (System.Text.Encoding.UTF8.GetString(Session[i].Payload).Contains("\"c\":", StringComparison.Ordinal) && ++seen == occurrence)
                return i;
        }
        throw new InvalidOperationException($"the session has fewer than {occurrence} book updates");
    }

    private static async Task AssertBooksConverge(LoopbackVenue venue, BookCollector sink)
    {
        var replica = ((KrakenSimulator)venue.Simulator).Replica;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(venue.Exhausted && Pairs.All(Same)))
        {
            if (DateTime.UtcNow > deadline)
            {
                string first = Pairs.First(p => !Same(p));
                Assert.Fail($"{first}: the consumer's book differs from the venue's after the session " +
                    $"({sink.Levels(Instrument(first)).Count} levels vs {Expected(first).Count}; venue exhausted: {venue.Exhausted}).");
            }
            await Task.Delay(20);
        }

        bool Same(string pair) => Expected(pair).SequenceEqual(sink.Levels(Instrument(pair)));
        IReadOnlyList<(MarketData.Events.Side, long, long)> Expected(string pair) =>
            replica.Pair(Instrument(pair)) is { } p ? BookLevels.Of(p.Book.View) : [];
        static InstrumentId Instrument(string pair) => new(KrakenCodec.Venue, pair);
    }
}
