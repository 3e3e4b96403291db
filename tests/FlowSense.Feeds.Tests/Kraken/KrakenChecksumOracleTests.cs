using FlowSense.Feeds.Kraken;
using FlowSense.Feeds.Tests.Capture;
using FlowSense.Feeds.Tests.Venues;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Kraken;

/// <summary>
/// The oracle is Kraken's own checksum: every book update in the recorded KRAKEN.ws.50.0 (10 pairs, book-1000) carries
/// the CRC32 of Kraken's top 10 levels after it. Our rebuilt book must reproduce every one of them.
/// </summary>
public class KrakenChecksumOracleTests
{
    [Fact]
    public void Every_recorded_update_checksum_matches_the_rebuilt_book()
    {
        long updatesCarryingChecksum = File.ReadLines(CaptureReplay.CryptoFile("KRAKEN.ws.50.0")).Count(l => l.Contains("\"c\":\"", StringComparison.Ordinal));
        var quarantine = new Quarantine.Quarantine();
        var codec = new KrakenCodec(new CountingSink(), quarantine, "KRAKEN.ws.50.0");
        int resyncs = 0;
        codec.ResyncRequested += _ => resyncs++;

        CaptureReplay.Feed("KRAKEN.ws.50.0", codec);

        Assert.Equal(4269, updatesCarryingChecksum);
        Assert.Equal(updatesCarryingChecksum, codec.Kraken.ChecksumsVerified);
        Assert.Equal(updatesCarryingChecksum, codec.Kraken.ChecksumMatches);
        Assert.Equal(0, codec.Kraken.ChecksumMismatches);
        Assert.Equal(0, resyncs);
        Assert.Equal(10, codec.Kraken.Snapshots);
        Assert.Equal(0, codec.Stats.Rejected);
        Assert.Equal(0, quarantine.Total);
        Assert.All(codec.Pairs, p => Assert.False(p.AwaitingSnapshot));
    }

    [Fact]
    public void One_ask_level_checksums_the_digits_of_price_then_volume()
    {
        // Price 123.45 and volume 0.06789 at 2 and 5 decimals lose their '.' and leading zeros: "12345" + "6789" =
        // "123456789", whose CRC-32 is the algorithm's published check value 0xCBF43926.
        var book = new VenueBook(new("KRAKEN", "X"));
        book.LoadSnapshot([new(Side.Ask, 12345, 6789)], default, new CountingSink());
        Assert.Equal(0xCBF43926u, KrakenChecksum.Compute(book));
    }
}
