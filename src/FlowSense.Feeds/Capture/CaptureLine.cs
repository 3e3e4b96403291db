namespace FlowSense.Feeds.Capture;

/// <summary>
/// The grammar of one capture line, as cryptofeed's raw-data recorder writes it (and the nanosecond variant other
/// recorders use):
/// <code>
/// 1633998512.0633569: {"stream":...}                          received, seconds with a fraction
/// 1633998512063356900 {"stream":...}                          received, integer nanoseconds
/// {"stream":...}                                              received, no timestamp
/// wss://stream.binance.com:9443/stream?... &lt;-&gt; 1633998511.15   connection opened
/// wss://ws.bitstamp.net/ &lt;- 1641343691.06: {"event":...}        frame we sent
/// https://api.binance.com/api/v3/depth?... -&gt; 16339.32: {...}  REST response
/// configuration: {"trades":[...],...}                         the recorder's feed configuration
/// </code>
/// </summary>
public static class CaptureLine
{
    /// <summary>Parses a line (without its newline; a trailing '\r' is ignored). False if it matches none of the forms.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, long lineNumber, out CaptureRecord record)
    {
        record = default;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
            line = line[..^1];
        if (line.IsEmpty)
            return false;

        byte first = line[0];
        if (first is (byte)'{' or (byte)'[')
        {
            record = new CaptureRecord(lineNumber, 0, CaptureLineKind.Received, default, line);
            return true;
        }
        if (first - (uint)'0' <= 9)
            return TryParseTimed(line, lineNumber, CaptureLineKind.Received, default, out record);

        if (line.StartsWith("configuration: "u8) && line.Length > "configuration: "u8.Length)
        {
            record = new CaptureRecord(lineNumber, 0, CaptureLineKind.Configuration, default, line["configuration: "u8.Length..]);
            return true;
        }

        // "<url> <marker> <ts>[: <json>]": URLs contain no spaces.
        int space = line.IndexOf((byte)' ');
        if (space <= 0)
            return false;
        var url = line[..space];
        var rest = line[(space + 1)..];
        int markerEnd = rest.IndexOf((byte)' ');
        if (markerEnd <= 0)
            return false;
        var marker = rest[..markerEnd];
        var timed = rest[(markerEnd + 1)..];
        if (marker.SequenceEqual("<->"u8))
        {
            if (!TryParseSeconds(timed, out long ns, out int used) || used != timed.Length)
                return false;
            record = new CaptureRecord(lineNumber, ns, CaptureLineKind.Connected, url, default);
            return true;
        }
        if (marker.SequenceEqual("<-"u8))
            return TryParseTimed(timed, lineNumber, CaptureLineKind.Sent, url, out record);
        if (marker.SequenceEqual("->"u8))
            return TryParseTimed(timed, lineNumber, CaptureLineKind.RestResponse, url, out record);
        return false;
    }

    // "<seconds.fraction>: <payload>" or "<integer ns> <payload>".
    private static bool TryParseTimed(ReadOnlySpan<byte> text, long lineNumber, CaptureLineKind kind, ReadOnlySpan<byte> url, out CaptureRecord record)
    {
        record = default;
        if (!TryParseNumber(text, out long whole, out long fractionNs, out bool hasFraction, out int used))
            return false;
        var rest = text[used..];
        long ns;
        if (rest.StartsWith(": "u8) && TrySecondsToNs(whole, fractionNs, out ns))
            rest = rest[2..];
        else if (rest.StartsWith(" "u8) && !hasFraction)
        {
            ns = whole;
            rest = rest[1..];
        }
        else
        {
            return false;
        }
        if (rest.IsEmpty)
            return false;
        record = new CaptureRecord(lineNumber, ns, kind, url, rest);
        return true;
    }

    /// <summary>Seconds since the epoch with an optional fraction (the whole text), to ns.</summary>
    private static bool TryParseSeconds(ReadOnlySpan<byte> text, out long ns, out int used)
    {
        ns = 0;
        return TryParseNumber(text, out long whole, out long fractionNs, out _, out used) && TrySecondsToNs(whole, fractionNs, out ns);
    }

    private static bool TrySecondsToNs(long seconds, long fractionNs, out long ns)
    {
        ns = 0;
        if (seconds > long.MaxValue / 1_000_000_000L - 1)
            return false;
        ns = seconds * 1_000_000_000L + fractionNs;
        return true;
    }

    /// <summary>Digits with an optional '.' and fraction; the fraction is returned in ns (digits past the 9th are dropped).</summary>
    private static bool TryParseNumber(ReadOnlySpan<byte> text, out long whole, out long fractionNs, out bool hasFraction, out int used)
    {
        whole = fractionNs = 0;
        hasFraction = false;
        used = 0;
        int i = 0, fractionDigits = 0;
        for (; i < text.Length && text[i] - (uint)'0' <= 9; i++)
        {
            int digit = text[i] - '0';
            if (whole > (long.MaxValue - digit) / 10)
                return false;
            whole = whole * 10 + digit;
        }
        if (i == 0)
            return false;
        if (i < text.Length && text[i] == (byte)'.')
        {
            hasFraction = true;
            int start = ++i;
            for (; i < text.Length && text[i] - (uint)'0' <= 9; i++)
            {
                if (fractionDigits < 9)
                {
                    fractionNs = fractionNs * 10 + (text[i] - '0');
                    fractionDigits++;
                }
            }
            if (i == start)
                return false;
        }
        for (; fractionDigits < 9; fractionDigits++)
            fractionNs *= 10;
        used = i;
        return true;
    }
}
