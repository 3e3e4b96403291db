using System.Text;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Bitstamp;

/// <summary>
/// Bitstamp as a connector sees it (WebSocket API v2): one <c>bts:subscribe</c> frame per channel
/// (<c>diff_order_book_{pair}</c>, <c>live_trades_{pair}</c>), and the REST order book (<c>/api/v2/order_book/{pair}</c>)
/// to start and to resynchronize a book.
/// </summary>
public sealed class BitstampVenue : VenueAdapter
{
    public override string Venue => BitstampCodec.Venue;

    public override bool SnapshotsOverRest => true;

    public override Uri StreamUri(Uri baseUri, IReadOnlyList<string> symbols) => baseUri;

    public override IReadOnlyList<string> SubscribeFrames(IReadOnlyList<string> symbols) =>
    [
        .. symbols.Select(s => Subscribe("diff_order_book_" + s)),
        .. symbols.Select(s => Subscribe("live_trades_" + s)),
    ];

    private static string Subscribe(string channel) => $$$"""{"event":"bts:subscribe","data":{"channel":"{{{channel}}}"}}""";

    public override IVenueBookCodec CreateCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source) =>
        new BitstampCodec(sink, quarantine, source);

    public override ResyncAction Resync(IVenueBookCodec codec, InstrumentId instrument)
    {
        var bitstamp = (BitstampCodec)codec;
        byte[] pair = Encoding.ASCII.GetBytes(instrument.Symbol);
        long position = 0;
        return new ResyncAction.RestSnapshot($"/api/v2/order_book/{instrument.Symbol}",
            (json, receiveTimeNs) => bitstamp.ApplySnapshot(pair, json, receiveTimeNs, ++position));
    }
}
