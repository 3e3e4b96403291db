using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Kraken;

/// <summary>
/// Kraken's book checksum, as "Spot Websockets (v1) Book Checksum" (docs.kraken.com, guides/spot-ws-book-v1;
/// "How to verify the book checksum (CRC32)") defines it: for each of the top 10 asks from low to high, then each of
/// the top 10 bids from high to low, take the price and the volume text, remove the '.' and the leading zeros, and
/// concatenate; the checksum is the CRC32 of that string as an unsigned 32-bit integer.
/// </summary>
/// <remarks>
/// The book stores fixed-point integers at the pair's precision, which is exactly the number of decimals Kraken prints,
/// so "the text without '.' and leading zeros" is the decimal digits of the raw integer: nothing is formatted through
/// floating point and nothing is allocated.
/// </remarks>
public static class KrakenChecksum
{
    /// <summary>Levels per side that the checksum covers.</summary>
    public const int Depth = 10;

    public static uint Compute(VenueBook book)
    {
        var crc = Crc32.Start();
        Span<byte> digits = stackalloc byte[20];
        AppendSide(ref crc, book, Side.Ask, digits);
        AppendSide(ref crc, book, Side.Bid, digits);
        return crc.Value;
    }

    private static void AppendSide(ref Crc32 crc, VenueBook book, Side side, Span<byte> digits)
    {
        int levels = Math.Min(Depth, book.Count(side));
        for (int depth = 0; depth < levels; depth++)
        {
            var level = book.LevelAt(side, depth);
            crc.Append(digits[..DecimalText.FormatDigits(level.Price, digits)]);
            crc.Append(digits[..DecimalText.FormatDigits(level.Size, digits)]);
        }
    }
}
