using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// Parses UTC timestamps of the form <c>2021-04-17T16:43:37.075687Z</c> (ISO 8601 / RFC 3339 with 'Z', 0–9 fraction
/// digits) to ns since the Unix epoch, without allocating. Anything else, including out-of-range fields, is refused.
/// </summary>
public static class IsoTime
{
    public static bool TryParseUtcNs(ReadOnlySpan<byte> text, out long ns)
    {
        ns = 0;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[^1] != 'Z')
            return false;
        if (!Digits(text[..4], out int year) || !Digits(text.Slice(5, 2), out int month) || !Digits(text.Slice(8, 2), out int day)
            || !Digits(text.Slice(11, 2), out int hour) || !Digits(text.Slice(14, 2), out int minute) || !Digits(text.Slice(17, 2), out int second))
            return false;
        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        long fractionNs = 0;
        var fraction = text[19..^1];
        if (!fraction.IsEmpty)
        {
            if (fraction[0] != '.' || fraction.Length is < 2 or > 10 || !Digits(fraction[1..], out int f))
                return false;
            fractionNs = f * FixedPoint.Pow10(10 - fraction.Length);
        }
        long ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;
        ns = ticks * 100 + fractionNs;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            if (b - (uint)'0' > 9)
                return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
