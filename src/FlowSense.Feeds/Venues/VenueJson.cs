using System.Text.Json;

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
}
