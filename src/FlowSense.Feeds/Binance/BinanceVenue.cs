using System.Text;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Binance;

/// <summary>
/// Binance Spot as a connector sees it: a combined stream whose URL names the streams (<c>/stream?streams=
/// btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@aggTrade</c>, no subscribe frames), and REST depth snapshots
/// (<c>/api/v3/depth?symbol=BTCUSDT&amp;limit=1000</c>) to start and to resynchronize a book.
/// </summary>
public sealed class BinanceVenue : VenueAdapter
{
    public override string Venue => BinanceCodec.Venue;

    public override bool SnapshotsOverRest => true;

    public override Uri StreamUri(Uri baseUri, IReadOnlyList<string> symbols)
    {
        var streams = symbols.SelectMany(s =>
        {
            string lower = s.ToLowerInvariant();
            return new[] { lower + "@depth@100ms", lower + "@bookTicker", lower + "@aggTrade" };
        });
        return new Uri(baseUri, "/stream?streams=" + string.Join('/', streams));
    }

    public override IReadOnlyList<string> SubscribeFrames(IReadOnlyList<string> symbols) => [];

    public override IVenueBookCodec CreateCodec(IMarketEventSink sink, Quarantine.Quarantine quarantine, string source) =>
        new BinanceCodec(sink, quarantine, source);

    public override ResyncAction Resync(IVenueBookCodec codec, InstrumentId instrument)
    {
        var binance = (BinanceCodec)codec;
        byte[] symbol = Encoding.ASCII.GetBytes(instrument.Symbol);
        long position = 0;
        return new ResyncAction.RestSnapshot($"/api/v3/depth?symbol={instrument.Symbol}&limit=1000",
            (json, receiveTimeNs) => binance.ApplySnapshot(symbol, json, receiveTimeNs, ++position));
    }
}
