using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Kraken;

/// <summary>
/// What the Kraken codec knows about one pair: its precision (learned from the first message that quotes it; Kraken
/// prints every price and volume of a pair with the same number of decimals) and its book.
/// </summary>
public sealed class KrakenPair(InstrumentId instrument, int priceDecimals, int sizeDecimals)
{
    public InstrumentId Instrument { get; } = instrument;
    public int PriceDecimals { get; } = priceDecimals;
    public int SizeDecimals { get; } = sizeDecimals;
    public VenueBook Book { get; } = new(instrument);

    /// <summary>The subscribed depth ("book-1000" → 1000): the book is trimmed to it after every update.</summary>
    public int Depth { get; internal set; } = 10;

    /// <summary>True until a snapshot arrives, and again after a checksum mismatch until the next snapshot.</summary>
    public bool AwaitingSnapshot { get; internal set; } = true;
}
