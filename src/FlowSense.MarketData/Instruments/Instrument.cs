namespace FlowSense.MarketData.Instruments;

/// <summary>
/// Static facts about an instrument. Prices and sizes inside the engine are fixed-point integers:
/// a raw price of 1234500 with <see cref="PriceDecimals"/> = 4 means 123.45. Conversion to
/// decimal or double happens only at the edges (codecs, sinks, views), so books never hold floats.
/// </summary>
/// <param name="Id">Venue and symbol.</param>
/// <param name="PriceDecimals">Decimal places of a raw price (10^PriceDecimals raw units per currency unit).</param>
/// <param name="TickSize">Minimum price increment, in raw price units.</param>
/// <param name="SizeDecimals">Decimal places of a raw size (0 for shares, 8 for most crypto).</param>
public sealed record Instrument(InstrumentId Id, int PriceDecimals, long TickSize, int SizeDecimals)
{
    public decimal PriceToDecimal(long rawPrice) => FixedPoint.ToDecimal(rawPrice, PriceDecimals);

    public decimal SizeToDecimal(long rawSize) => FixedPoint.ToDecimal(rawSize, SizeDecimals);

    public double PriceToDouble(long rawPrice) => rawPrice / FixedPoint.Pow10Double(PriceDecimals);

    public double SizeToDouble(long rawSize) => rawSize / FixedPoint.Pow10Double(SizeDecimals);

    public long PriceFromDecimal(decimal price) => FixedPoint.FromDecimal(price, PriceDecimals);

    public long SizeFromDecimal(decimal size) => FixedPoint.FromDecimal(size, SizeDecimals);
}
