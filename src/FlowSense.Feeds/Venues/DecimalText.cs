using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// Parses venue decimal text ("0.35210000", "-12.5", "3805.44") straight into a fixed-point integer and the number of
/// decimals the text had, without allocating a string or going through <see cref="decimal"/> or <see cref="double"/>.
/// Keeping the decimals lets a codec reproduce the venue's exact text (Kraken's checksum needs it) and rescale to an
/// instrument's precision without rounding.
/// </summary>
/// <remarks>
/// Accepted grammar: <c>-?[0-9]+(\.[0-9]+)?</c>, at most 18 significant digits (so the raw value fits a <see cref="long"/>
/// without overflow checks per digit). No exponent, no sign '+', no surrounding spaces: venues never send them, and
/// anything else is malformed input to be counted, not guessed at.
/// </remarks>
public static class DecimalText
{
    private const int MaxSignificantDigits = 18;

    /// <summary>Parses <paramref name="text"/>; false (and zeros) if it is not a plain decimal number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long raw, out int decimals)
    {
        raw = 0;
        decimals = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        int integerStart = i, significant = 0, fractionStart = -1;
        long value = 0;
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                if (value != 0 || digit != 0)
                {
                    if (++significant > MaxSignificantDigits)
                        return false;
                }
                value = value * 10 + digit;
            }
            else if (text[i] == (byte)'.' && fractionStart < 0 && i > integerStart)
            {
                fractionStart = i + 1;
            }
            else
            {
                return false;
            }
        }
        if (i == integerStart || fractionStart == text.Length)
            return false; // empty, "-", or a trailing '.'
        raw = negative ? -value : value;
        decimals = fractionStart < 0 ? 0 : text.Length - fractionStart;
        return decimals <= MaxSignificantDigits;
    }

    /// <summary>
    /// Parses and rescales to <paramref name="targetDecimals"/> in one step. False if the text is malformed, if it has
    /// more decimals than the target and the extra digits are not zeros (precision would be lost), or if the result
    /// overflows.
    /// </summary>
    public static bool TryParseScaled(ReadOnlySpan<byte> text, int targetDecimals, out long scaled)
    {
        scaled = 0;
        return TryParse(text, out long raw, out int decimals) && TryRescale(raw, decimals, targetDecimals, out scaled);
    }

    /// <summary>Expresses <paramref name="raw"/> (with <paramref name="decimals"/>) with <paramref name="targetDecimals"/>, exactly or not at all.</summary>
    public static bool TryRescale(long raw, int decimals, int targetDecimals, out long scaled)
    {
        scaled = 0;
        if ((uint)targetDecimals > MaxSignificantDigits)
            return false;
        if (decimals == targetDecimals)
        {
            scaled = raw;
            return true;
        }
        if (decimals > targetDecimals)
        {
            long divisor = FixedPoint.Pow10(decimals - targetDecimals);
            if (raw % divisor != 0)
                return false;
            scaled = raw / divisor;
            return true;
        }
        long factor = FixedPoint.Pow10(targetDecimals - decimals);
        long limit = long.MaxValue / factor;
        if (raw > limit || raw < -limit)
            return false;
        scaled = raw * factor;
        return true;
    }

    /// <summary>
    /// Writes the digits of the non-negative <paramref name="raw"/> without leading zeros ("0" for zero) — exactly what
    /// is left of a fixed-decimal text once its '.' and leading zeros are removed. Returns the number of bytes written.
    /// </summary>
    public static int FormatDigits(long raw, Span<byte> destination)
    {
        if (raw == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }
        int length = 0;
        for (long v = raw; v > 0; v /= 10)
            length++;
        for (int at = length - 1; at >= 0; at--, raw /= 10)
            destination[at] = (byte)('0' + (int)(raw % 10));
        return length;
    }

    /// <summary>
    /// The venue text of a fixed-point value: <paramref name="raw"/> (with <paramref name="decimals"/>) printed with
    /// <paramref name="printDecimals"/> decimals, the scale a venue prints the instrument with ("0.35210000" at 8,
    /// "335.0" at 1), or with more when the value needs them: the text is always exact, never rounded. With
    /// <paramref name="printDecimals"/> 0 it is the shortest exact text ("12.5", "3").
    /// </summary>
    public static string Format(long raw, int decimals, int printDecimals)
    {
        Span<char> text = stackalloc char[48];
        int length = Format(raw, decimals, printDecimals, text);
        return new string(text[..length]);
    }

    /// <summary>Writes the text of <see cref="Format(long, int, int)"/> into <paramref name="destination"/> (48 characters always suffice); returns its length.</summary>
    public static int Format(long raw, int decimals, int printDecimals, Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)decimals, (uint)MaxSignificantDigits, nameof(decimals));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)printDecimals, (uint)MaxSignificantDigits, nameof(printDecimals));
        // long.MinValue has no positive counterpart; ulong holds its magnitude.
        ulong magnitude = raw < 0 ? (ulong)(-(raw + 1)) + 1 : (ulong)raw;
        ulong unit = (ulong)FixedPoint.Pow10(decimals);
        ulong whole = magnitude / unit, fraction = magnitude % unit;
        int needed = decimals;
        while (needed > 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            needed--;
        }
        int shown = Math.Max(needed, printDecimals);
        fraction *= (ulong)FixedPoint.Pow10(shown - needed);

        int at = 0;
        if (raw < 0)
            destination[at++] = '-';
        whole.TryFormat(destination[at..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        at += written;
        if (shown == 0)
            return at;
        destination[at++] = '.';
        for (int i = shown - 1; i >= 0; i--, fraction /= 10)
            destination[at + i] = (char)('0' + (int)(fraction % 10));
        return at + shown;
    }
}

