using System.Text.Json;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Kraken;

/// <summary>
/// Kraken WebSocket API v1 as a connector sees it: <c>subscribe</c> frames for the <c>book</c> (depth 1000) and
/// <c>trade</c> channels; the book subscription answers with a snapshot, so a book that fails its checksum is
/// resynchronized by unsubscribing and subscribing that pair again. A pair's precision is known only from its first
/// message, so <paramref name="pairDiscovered"/> is told each pair as a connection's codec meets it.
/// </summary>
public sealed class KrakenVenue(int depth = 1000, Action<KrakenPair>? pairDiscovered = null) : VenueAdapter
{
    public override string Venue => KrakenCodec.Venue;

    public override bool SnapshotsOverRest => false;

    /// <summary>Kraken sends <c>{"event":"heartbeat"}</c> about once a second when a channel is idle.</summary>
    public override TimeSpan? SilenceTimeout => TimeSpan.FromSeconds(10);

    public override Uri StreamUri(Uri baseUri, IReadOnlyList<string> symbols) => baseUri;

    public override IReadOnlyList<string> SubscribeFrames(IReadOnlyList<string> symbols) =>
        [Frame("subscribe", symbols, BookSubscription), Frame("subscribe", symbols, """{"name":"trade"}""")];

    public override IVenueBookCodec CreateCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source)
    {
        var codec = new KrakenCodec(sink, quarantine, source);
        if (pairDiscovered is not null)
            codec.PairDiscovered += pairDiscovered;
        return codec;
    }

    public override ResyncAction Resync(IVenueBookCodec codec, InstrumentId instrument) =>
        new ResyncAction.Resubscribe([Frame("unsubscribe", [instrument.Symbol], BookSubscription), Frame("subscribe", [instrument.Symbol], BookSubscription)]);

    private string BookSubscription => $$"""{"name":"book","depth":{{depth}}}""";

    private static string Frame(string verb, IReadOnlyList<string> pairs, string subscription) =>
        $$"""{"event":"{{verb}}","pair":{{JsonSerializer.Serialize(pairs)}},"subscription":{{subscription}}}""";
}
