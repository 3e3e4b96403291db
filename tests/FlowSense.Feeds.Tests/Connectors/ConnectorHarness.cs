using FlowSense.Actors;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.TestSupport.LoopbackVenues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSense.Feeds.Tests.Connectors;

/// <summary>Runs a connector against a loopback venue the way a node does, and checks where its books end.</summary>
internal static class ConnectorHarness
{
    /// <summary>Starts the connector actor under a backoff supervisor; a downstream <see cref="BookCollector"/> rebuilds its books.</summary>
    public static (BookCollector Sink, ConnectorStatus Status) Run(ActorSystem system, VenueAdapter adapter, LoopbackVenue venue,
        IReadOnlyList<string> symbols)
    {
        var sink = new BookCollector();
        string name = adapter.Venue.ToLowerInvariant();
        var status = new ConnectorStatus(name);
        var options = new ConnectorOptions(name, venue.WebSocketBase, venue.RestBase, symbols);
        var connector = Props.Create(() => new ConnectorActor(new WebSocketConnector(
            adapter, options, sink, new Quarantine.Quarantine(), new HttpClient(), status, TimeProvider.System, NullLogger.Instance)));
        system.ActorOf(BackoffSupervisor.Props(connector, "connection",
            new BackoffOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), RandomFactor: 0.2)), name);
        return (sink, status);
    }

    /// <summary>A loopback venue that replays <paramref name="session"/> through <paramref name="simulator"/>, started.</summary>
    public static async Task<LoopbackVenue> StartVenueAsync(VenueSimulator simulator, IReadOnlyList<RecordedMessage> session)
    {
        var venue = new LoopbackVenue(simulator, session);
        await venue.StartAsync();
        return venue;
    }

    /// <summary>
    /// The index in <paramref name="session"/> of its <paramref name="occurrence"/>-th received message whose text
    /// contains <paramref name="marker"/> (e.g. a venue's book-update type): where a test injects its fault.
    /// </summary>
    public static int IndexOf(IReadOnlyList<RecordedMessage> session, string marker, int occurrence)
    {
        int seen = 0;
        for (int i = 0; i < session.Count; i++)
        {
            if (session[i].Kind == FlowSense.Feeds.Capture.CaptureLineKind.Received
                && System.Text.Encoding.UTF8.GetString(session[i].Payload).Contains(marker, StringComparison.Ordinal)
                && ++seen == occurrence)
                return i;
        }
        throw new InvalidOperationException($"the session has fewer than {occurrence} messages with {marker}");
    }

    /// <summary>Waits until the venue has published everything and every consumer book equals the venue's own; fails with the first difference.</summary>
    public static async Task AssertBooksConverge(LoopbackVenue venue, BookCollector sink, IEnumerable<InstrumentId> instruments,
        Func<InstrumentId, IBookView?> venueBook)
    {
        var all = instruments.ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(venue.Exhausted && all.All(Same)))
        {
            lock (venue.Errors)
                Assert.True(venue.Errors.Count == 0, "the loopback venue failed: " + string.Join("; ", venue.Errors));
            if (DateTime.UtcNow > deadline)
            {
                var first = all.First(i => !Same(i));
                var (actual, expected) = (sink.Levels(first), Expected(first));
                int at = Enumerable.Range(0, Math.Min(actual.Count, expected.Count)).FirstOrDefault(k => actual[k] != expected[k], Math.Min(actual.Count, expected.Count));
                Assert.Fail($"{first}: the consumer's book differs from the venue's after the session " +
                    $"({actual.Count} levels vs {expected.Count}; first difference at level {at}: " +
                    $"{(at < actual.Count ? actual[at].ToString() : "none")} vs {(at < expected.Count ? expected[at].ToString() : "none")}; venue exhausted: {venue.Exhausted}).");
            }
            await Task.Delay(20);
        }

        bool Same(InstrumentId instrument) => Expected(instrument).SequenceEqual(sink.Levels(instrument));
        IReadOnlyList<(Side, long, long)> Expected(InstrumentId instrument) =>
            venueBook(instrument) is { } book ? BookLevels.Of(book) : [];
    }
}
