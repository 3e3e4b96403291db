using System.Globalization;
using System.IO.Compression;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Lean;

/// <summary>
/// Reads LEAN's US-equity data files: one CSV inside a zip per symbol and day, as LEAN documents them
/// (https://www.quantconnect.com/docs/v2/lean-engine/data-format/us-equity, "Tick Data" and "Bar Data";
/// https://www.quantconnect.com/docs/v2/lean-engine/data-format/core-data-types; source pages in
/// QuantConnect/Documentation under "06 LEAN Engine/03 Data Format").
/// </summary>
/// <remarks>
/// <para>Formats (all times are milliseconds after midnight, New York time, on the date in the file name; prices
/// are deci-cents, i.e. USD × 10,000):</para>
/// <list type="bullet">
/// <item>tick trades: <c>ms, price, size, exchange, sale condition (hex flags), suspicious (0/1)</c></item>
/// <item>tick quotes: <c>ms, bid, bid size, ask, ask size, exchange, condition (hex), suspicious</c>; each row
/// quotes one side, and the other side is written 0, 0</item>
/// <item>second and minute trade bars: <c>ms, open, high, low, close, volume</c>, stamped with the bar's start</item>
/// </list>
/// <para>Timestamps become UTC nanoseconds (<see cref="EasternTime"/>). Prices stay fixed-point: use
/// <see cref="Instrument"/> with 4 price decimals. A file replay has no receive time, so ReceiveTimeNs equals
/// ExchangeTimeNs, and the CSV line number is the event's sequence number. A row that cannot be parsed is counted
/// in the <see cref="LeanReadReport"/> with its line number and skipped; it never throws.</para>
/// </remarks>
public static class LeanDataReader
{
    /// <summary>LEAN's US-equity price scale: prices are integers of 1/10,000 USD.</summary>
    public const int PriceDecimals = 4;

    /// <summary>Reads the trade ticks of a <c>yyyyMMdd_trade.zip</c> tick file (or of the CSV it holds, named <c>*.csv</c>).</summary>
    public static IEnumerable<LeanTradeTick> ReadTradeTicks(string zipPath, InstrumentId instrument, LeanReadReport report, DateOnly? date = null) =>
        ReadRows(zipPath, report, date, (string line, int lineNumber, EasternTime clock, out LeanTradeTick tick, out string? reason) =>
            TryParseTradeTick(line, lineNumber, instrument, clock, out tick, out reason));

    /// <summary>Reads the quote ticks of a <c>yyyyMMdd_quote.zip</c> tick file.</summary>
    public static IEnumerable<LeanQuoteTick> ReadQuoteTicks(string zipPath, InstrumentId instrument, LeanReadReport report, DateOnly? date = null) =>
        ReadRows(zipPath, report, date, (string line, int lineNumber, EasternTime clock, out LeanQuoteTick tick, out string? reason) =>
            TryParseQuoteTick(line, lineNumber, instrument, clock, out tick, out reason));

    /// <summary>Reads a second or minute trade-bar file; <paramref name="period"/> sets each bar's end time.</summary>
    public static IEnumerable<Bar> ReadTradeBars(string zipPath, TimeSpan period, LeanReadReport report, DateOnly? date = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        return ReadRows(zipPath, report, date, (string line, int _, EasternTime clock, out Bar bar, out string? reason) =>
            TryParseTradeBar(line, clock, period, out bar, out reason));
    }

    private delegate bool RowParser<T>(string line, int lineNumber, EasternTime clock, out T value, out string? reason);

    /// <summary>The loop every reader shares: parse each row, yield it or count it as malformed with its line number.</summary>
    private static IEnumerable<T> ReadRows<T>(string zipPath, LeanReadReport report, DateOnly? date, RowParser<T> parse)
    {
        ArgumentNullException.ThrowIfNull(report);
        var clock = new EasternTime(date ?? DateFromFileName(zipPath));
        return Rows();

        IEnumerable<T> Rows()
        {
            foreach ((int lineNumber, string line) in Lines(zipPath, report))
            {
                if (parse(line, lineNumber, clock, out T value, out string? reason))
                {
                    report.Ok();
                    yield return value;
                }
                else
                {
                    report.Bad(lineNumber, reason ?? "unreadable row");
                }
            }
        }
    }

    internal static bool TryParseTradeTick(ReadOnlySpan<char> line, int lineNumber, InstrumentId instrument, EasternTime clock,
        out LeanTradeTick tick, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        tick = default;
        var fields = new CsvFields(line);
        if (!fields.TryLong(out long ms) || !ValidTimeOfDay(ms)) { reason = "time is not milliseconds within the day"; return false; }
        if (!fields.TryLong(out long price)) { reason = "price is not an integer"; return false; }
        if (!fields.TryWholeNumber(out long size)) { reason = "size is not an integer"; return false; }
        if (!fields.TryChar(out char exchange)) { reason = "exchange is not one character"; return false; }
        if (!fields.TryHex(out uint conditions)) { reason = "sale condition is not hexadecimal"; return false; }
        if (!TrySuspicious(ref fields, out bool suspicious)) { reason = "suspicious flag is not 0 or 1"; return false; }
        if (!fields.AtEnd) { reason = "too many fields"; return false; }
        long timeNs = clock.ToUtcNs(ms);
        var trade = new Trade(new EventHeader(instrument, timeNs, timeNs, lineNumber), price, size, Aggressor.Unknown, conditions);
        tick = new LeanTradeTick(trade, exchange, suspicious);
        reason = null;
        return true;
    }

    internal static bool TryParseQuoteTick(ReadOnlySpan<char> line, int lineNumber, InstrumentId instrument, EasternTime clock,
        out LeanQuoteTick tick, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        tick = default;
        var fields = new CsvFields(line);
        if (!fields.TryLong(out long ms) || !ValidTimeOfDay(ms)) { reason = "time is not milliseconds within the day"; return false; }
        if (!fields.TryLong(out long bid) || !fields.TryWholeNumber(out long bidSize)) { reason = "bid or bid size is not an integer"; return false; }
        if (!fields.TryLong(out long ask) || !fields.TryWholeNumber(out long askSize)) { reason = "ask or ask size is not an integer"; return false; }
        if (!fields.TryChar(out char exchange)) { reason = "exchange is not one character"; return false; }
        if (!fields.TryHex(out uint condition)) { reason = "condition is not hexadecimal"; return false; }
        if (!TrySuspicious(ref fields, out bool suspicious)) { reason = "suspicious flag is not 0 or 1"; return false; }
        if (!fields.AtEnd) { reason = "too many fields"; return false; }
        long timeNs = clock.ToUtcNs(ms);
        var quote = new Quote(new EventHeader(instrument, timeNs, timeNs, lineNumber), bid, bidSize, ask, askSize);
        tick = new LeanQuoteTick(quote, exchange, condition, suspicious);
        reason = null;
        return true;
    }

    internal static bool TryParseTradeBar(ReadOnlySpan<char> line, EasternTime clock, TimeSpan period,
        out Bar bar, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        bar = default;
        var fields = new CsvFields(line);
        if (!fields.TryLong(out long ms) || !ValidTimeOfDay(ms)) { reason = "time is not milliseconds within the day"; return false; }
        if (!fields.TryLong(out long open) || !fields.TryLong(out long high) || !fields.TryLong(out long low) || !fields.TryLong(out long close))
        {
            reason = "a price is not an integer";
            return false;
        }
        if (!fields.TryWholeNumber(out long volume)) { reason = "volume is not an integer"; return false; }
        if (!fields.AtEnd) { reason = "too many fields"; return false; }
        long start = clock.ToUtcNs(ms);
        // The file has no notional or trade count: the notional is estimated from the close, the count is unknown (0).
        bar = new Bar(start, start + (period.Ticks * 100), open, high, low, close, volume, (Int128)close * volume, 0);
        reason = null;
        return true;
    }

    /// <summary>The trading date in a LEAN file name such as <c>20131007_trade.zip</c>.</summary>
    public static DateOnly DateFromFileName(string path)
    {
        string name = Path.GetFileName(path);
        if (name.Length >= 8 && DateOnly.TryParseExact(name.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            return date;
        throw new ArgumentException($"'{name}' does not start with a yyyyMMdd date; pass the date explicitly.", nameof(path));
    }

    private static bool ValidTimeOfDay(long ms) => ms is >= 0 and < 86_400_000;

    private static bool TrySuspicious(ref CsvFields fields, out bool suspicious)
    {
        suspicious = false;
        if (!fields.TryNext(out ReadOnlySpan<char> field))
            return false;
        if (field.SequenceEqual("0"))
            return true;
        suspicious = field.SequenceEqual("1");
        return suspicious;
    }

    // LEAN ships each day as a zip holding one CSV; the CSV itself (already extracted) is read the same way.
    private static IEnumerable<(int LineNumber, string Line)> Lines(string path, LeanReadReport report)
    {
        using ZipArchive? zip = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? null : ZipFile.OpenRead(path);
        ZipArchiveEntry? entry = zip is null ? null
            : zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
              ?? throw new InvalidDataException($"{path} holds no CSV file.");
        using var reader = new StreamReader(entry is null ? File.OpenRead(path) : entry.Open());
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            report.Row();
            yield return (lineNumber, line);
        }
    }
}
