namespace FlowSense.MarketData.Instruments;

/// <summary>Conversions between fixed-point integers and decimal/double, for the edges of the engine.</summary>
public static class FixedPoint
{
    private static readonly long[] Pow10Table =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
        100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    public static long Pow10(int decimals) => Pow10Table[decimals];

    public static double Pow10Double(int decimals) => Pow10Table[decimals];

    public static decimal ToDecimal(long raw, int decimals) => new(
        lo: (int)(Math.Abs(raw) & 0xFFFF_FFFF), mid: (int)(Math.Abs(raw) >> 32), hi: 0,
        isNegative: raw < 0, scale: (byte)decimals);

    /// <summary>Converts exactly; throws <see cref="OverflowException"/> if the value has more decimals than the scale holds.</summary>
    public static long FromDecimal(decimal value, int decimals)
    {
        decimal scaled = value * Pow10Table[decimals];
        if (scaled != decimal.Truncate(scaled))
            throw new OverflowException($"{value} has more than {decimals} decimal places.");
        return (long)scaled;
    }
}
