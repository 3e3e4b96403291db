using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Connectors;
using FlowSense.Feeds.Kraken;

namespace FlowSense.Node.Connectors;

/// <summary>The venue adapter of a configured connector's <c>venue</c> (binance, kraken, coinbase, bitstamp).</summary>
internal static class LiveVenues
{
    /// <param name="venue">The configured venue, lower case.</param>
    /// <param name="krakenPairs">Told each Kraken pair's precision as a connection meets it.</param>
    public static VenueAdapter Create(string venue, Action<KrakenPair>? krakenPairs = null) => venue switch
    {
        "binance" => new BinanceVenue(),
        "kraken" => new KrakenVenue(pairDiscovered: krakenPairs),
        "coinbase" => new CoinbaseVenue(),
        "bitstamp" => new BitstampVenue(),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Not a live venue."),
    };
}
