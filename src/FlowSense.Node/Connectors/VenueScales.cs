using FlowSense.Feeds.Binance;
using FlowSense.Feeds.Bitstamp;
using FlowSense.Feeds.Coinbase;
using FlowSense.Feeds.Kraken;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Node.Connectors;

/// <summary>
/// The fixed-point scales a venue's codec writes an instrument's prices and sizes in: fixed per venue, except Kraken,
/// whose pairs each have their own precision, learnt from the pair's first message (<see cref="KrakenPair"/>).
/// </summary>
internal static class VenueScales
{
    /// <summary>The instrument <paramref name="id"/> with its scales; <paramref name="krakenPair"/> finds a Kraken pair's.</summary>
    /// <exception cref="InvalidOperationException">A Kraken pair no message has revealed yet, or an unknown venue.</exception>
    public static Instrument Of(InstrumentId id, Func<InstrumentId, KrakenPair?> krakenPair) => id.Venue switch
    {
        KrakenCodec.Venue => krakenPair(id) is { } pair
            ? new Instrument(id, pair.PriceDecimals, 1, pair.SizeDecimals)
            : throw new InvalidOperationException($"{id}: no message of this Kraken pair has shown its precision yet."),
        BinanceCodec.Venue => new Instrument(id, BinanceCodec.Decimals, 1, BinanceCodec.Decimals),
        BitstampCodec.Venue => new Instrument(id, BitstampCodec.Decimals, 1, BitstampCodec.Decimals),
        CoinbaseCodec.Venue => new Instrument(id, CoinbaseCodec.Decimals, 1, CoinbaseCodec.Decimals),
        _ => throw new InvalidOperationException($"{id}: no codec writes this venue."),
    };
}
