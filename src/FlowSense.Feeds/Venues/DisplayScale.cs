namespace FlowSense.Feeds.Venues;

/// <summary>
/// How many decimals a venue prints an instrument's prices and sizes with. Books keep values at the codec's own scale;
/// this is what turns them back into the venue's text with <see cref="DecimalText.Format(long, int, int)"/>. Codecs
/// learn it from the venue's own text (the widest seen), since instrument lists do not always predict it: Coinbase
/// lists DASH-BTC with a base increment of 0.001 and prints its sizes with 8 decimals.
/// </summary>
public readonly record struct DisplayScale(int PriceDecimals, int SizeDecimals)
{
    /// <summary>The wider of this scale and <paramref name="other"/>, side by side.</summary>
    public DisplayScale Widen(DisplayScale other) =>
        new(Math.Max(PriceDecimals, other.PriceDecimals), Math.Max(SizeDecimals, other.SizeDecimals));
}
