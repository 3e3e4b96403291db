using System.Text.Json;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Venues;

/// <summary>Small readers over <see cref="Utf8JsonReader"/> shared by the venue codecs: numbers from JSON strings or numbers, without allocating.</summary>
public static class VenueJson
{
    /// <summary>Advances to the next token and parses it as decimal text (venues quote decimals as strings; some send bare numbers).</summary>
    public static bool TryReadDecimal(ref Utf8JsonReader reader, out long raw, out int decimals)
    {
        raw = 0;
        decimals = 0;
        return reader.Read() && TryGetDecimal(ref reader, out raw, out decimals);
    }

    /// <summary>Parses the current token (a string or number) as decimal text.</summary>
    public static bool TryGetDecimal(ref Utf8JsonReader reader, out long raw, out int decimals)
    {
        raw = 0;
        decimals = 0;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Number
            && !reader.ValueIsEscaped && !reader.HasValueSequence
            && DecimalText.TryParse(reader.ValueSpan, out raw, out decimals);
    }

    /// <summary>The current token as an integer, from a JSON number or a string of digits.</summary>
    public static bool TryGetInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetInt64(out value);
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && DecimalText.TryParse(reader.ValueSpan, out value, out int decimals) && decimals == 0;
    }

    /// <summary>The current token's raw UTF-8 bytes if it is an unescaped string.</summary>
    public static bool TryGetUtf8(ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            value = reader.ValueSpan;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Seconds since the epoch as decimal text ("1618678145.920470") to ns; false if it has sub-ns digits or overflows.</summary>
    public static bool TryGetSecondsAsNs(ref Utf8JsonReader reader, out long ns)
    {
        ns = 0;
        return TryGetDecimal(ref reader, out long raw, out int decimals) && DecimalText.TryRescale(raw, decimals, 9, out ns);
    }

    /// <summary>
    /// Reads the next token as an array of levels <c>[[price, size, ...], ...]</c> (extra elements are skipped) into
    /// <paramref name="into"/>, rescaled to the given precision. On failure <paramref name="reason"/> says why.
    /// </summary>
    public static bool TryReadLevels(ref Utf8JsonReader reader, Side side, int priceDecimals, int sizeDecimals,
        List<LevelUpdate> into, int maxLevels, out RejectReason reason)
    {
        DisplayScale printed = default;
        return TryReadLevels(ref reader, side, priceDecimals, sizeDecimals, into, maxLevels, out reason, ref printed);
    }

    /// <summary>As <see cref="TryReadLevels(ref Utf8JsonReader, Side, int, int, List{LevelUpdate}, int, out RejectReason)"/>, widening <paramref name="printed"/> to the decimals the venue's text had.</summary>
    public static bool TryReadLevels(ref Utf8JsonReader reader, Side side, int priceDecimals, int sizeDecimals,
        List<LevelUpdate> into, int maxLevels, out RejectReason reason, ref DisplayScale printed)
    {
        ArgumentNullException.ThrowIfNull(into);
        reason = RejectReason.InvalidJson;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!TryReadLevel(ref reader, priceDecimals, sizeDecimals, out long price, out long size, out reason, ref printed))
                return false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                reader.Skip();
            reason = RejectReason.TooManyLevels;
            if (into.Count >= maxLevels)
                return false;
            into.Add(new LevelUpdate(side, price, size));
        }
        reason = RejectReason.InvalidJson;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>Reads a price and a size (the next two tokens), rescaled; the price must be positive, the size not negative.</summary>
    public static bool TryReadLevel(ref Utf8JsonReader reader, int priceDecimals, int sizeDecimals, out long price, out long size, out RejectReason reason)
    {
        DisplayScale printed = default;
        return TryReadLevel(ref reader, priceDecimals, sizeDecimals, out price, out size, out reason, ref printed);
    }

    /// <summary>As <see cref="TryReadLevel(ref Utf8JsonReader, int, int, out long, out long, out RejectReason)"/>, widening <paramref name="printed"/> to the decimals the venue's text had.</summary>
    public static bool TryReadLevel(ref Utf8JsonReader reader, int priceDecimals, int sizeDecimals, out long price, out long size, out RejectReason reason, ref DisplayScale printed)
    {
        size = 0;
        reason = RejectReason.InvalidNumber;
        if (!TryReadScaled(ref reader, priceDecimals, out price, out int priceText, ref reason)
            || !TryReadScaled(ref reader, sizeDecimals, out size, out int sizeText, ref reason))
            return false;
        if (price <= 0)
            return false;
        reason = RejectReason.NegativeSize;
        if (size < 0)
            return false;
        printed = printed.Widen(new DisplayScale(priceText, sizeText));
        return true;
    }

    /// <summary>Reads the next token as decimal text at <paramref name="decimals"/>; <paramref name="reason"/> tells malformed from inexact.</summary>
    public static bool TryReadScaled(ref Utf8JsonReader reader, int decimals, out long value, ref RejectReason reason) =>
        TryReadScaled(ref reader, decimals, out value, out _, ref reason);

    /// <summary>As <see cref="TryReadScaled(ref Utf8JsonReader, int, out long, ref RejectReason)"/>, also giving the decimals the text had.</summary>
    public static bool TryReadScaled(ref Utf8JsonReader reader, int decimals, out long value, out int textDecimals, ref RejectReason reason)
    {
        value = 0;
        if (!TryReadDecimal(ref reader, out long raw, out textDecimals))
        {
            reason = RejectReason.InvalidNumber;
            return false;
        }
        if (!DecimalText.TryRescale(raw, textDecimals, decimals, out value))
        {
            reason = RejectReason.PrecisionLoss;
            return false;
        }
        return true;
    }

    /// <summary>The current token as decimal text at <paramref name="decimals"/>.</summary>
    public static bool TryGetScaled(ref Utf8JsonReader reader, int decimals, out long value, out RejectReason reason)
    {
        value = 0;
        reason = RejectReason.InvalidNumber;
        if (!TryGetDecimal(ref reader, out long raw, out int textDecimals))
            return false;
        reason = RejectReason.PrecisionLoss;
        return DecimalText.TryRescale(raw, textDecimals, decimals, out value);
    }
}
