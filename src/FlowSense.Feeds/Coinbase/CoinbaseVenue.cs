using System.Text.Json;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Coinbase;

/// <summary>
/// Coinbase Exchange as a connector sees it: one <c>subscribe</c> frame per channel (<c>level2</c>, <c>ticker</c>,
/// <c>matches</c>), as recorded; level2 answers with a snapshot, so a book is resynchronized by resubscribing.
/// </summary>
public sealed class CoinbaseVenue : VenueAdapter
{
    public override string Venue => CoinbaseCodec.Venue;

    public override bool SnapshotsOverRest => false;

    public override Uri StreamUri(Uri baseUri, IReadOnlyList<string> symbols) => baseUri;

    public override IReadOnlyList<string> SubscribeFrames(IReadOnlyList<string> symbols) =>
        [Frame("subscribe", symbols, "level2"), Frame("subscribe", symbols, "ticker"), Frame("subscribe", symbols, "matches")];

    public override IVenueBookCodec CreateCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source) =>
        new CoinbaseCodec(sink, quarantine, source);

    public override ResyncAction Resync(IVenueBookCodec codec, InstrumentId instrument) =>
        new ResyncAction.Resubscribe([Frame("unsubscribe", [instrument.Symbol], "level2"), Frame("subscribe", [instrument.Symbol], "level2")]);

    private static string Frame(string verb, IReadOnlyList<string> products, string channel) =>
        $$"""{"type":"{{verb}}","product_ids":{{JsonSerializer.Serialize(products)}},"channels":["{{channel}}"]}""";
}
