using System.Globalization;
using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Indicators;

namespace FlowSense.Feeds.Bars;

/// <summary>
/// Reads bar series from CSV with a header row: LEAN's test-data files (<c>spy_*.txt</c>, <c>spy_*.csv</c>) and the
/// files <see cref="BarCsvWriter"/> writes. The first column is the time; the others are found by name, case and
/// surrounding spaces ignored: <c>close</c> is required, <c>open</c>, <c>high</c>, <c>low</c>, <c>volume</c> and
/// <c>symbol</c> are optional (a file without them gives the close in place of each missing price and volume 0,
/// which is how LEAN's own tests feed close-only files to bar indicators).
/// </summary>
/// <remarks>
/// Accepted times: US dates as LEAN writes them (<c>1/9/2013 12:00:00 AM</c>, <c>02/22/2013 12:00:00 AM</c>,
/// <c>1/9/2013</c>), ISO 8601 (<c>2013-10-07T13:30:00Z</c>, <c>2013-10-07</c>) and Unix seconds; times without a zone
/// are taken as UTC. Numbers may use scientific notation (<c>1.156476E+08</c>). A leading byte-order mark is dropped.
/// A row that does not parse is skipped and counted in <see cref="Malformed"/> with its line number, never thrown.
/// </remarks>
public sealed class OhlcvCsvReader : IDisposable
{
    private static readonly string[] UsDateFormats =
        ["M/d/yyyy h:mm:ss tt", "MM/dd/yyyy hh:mm:ss tt", "M/d/yyyy H:mm:ss", "M/d/yyyy", "yyyy-MM-dd"];

    private readonly TextReader _reader;
    private readonly int _open, _high, _low, _close, _volume, _symbol;
    private long _lineNumber;

    private OhlcvCsvReader(TextReader reader, Dictionary<string, int> columns)
    {
        _reader = reader;
        _lineNumber = 1;
        _close = columns["close"];
        _open = columns.GetValueOrDefault("open", -1);
        _high = columns.GetValueOrDefault("high", -1);
        _low = columns.GetValueOrDefault("low", -1);
        _volume = columns.GetValueOrDefault("volume", -1);
        _symbol = columns.GetValueOrDefault("symbol", -1);
    }

    /// <summary>True when the file has a volume column.</summary>
    public bool HasVolume => _volume >= 0;

    /// <summary>True when the file has open, high and low columns (not just closes).</summary>
    public bool HasOhlc => _open >= 0 && _high >= 0 && _low >= 0;

    /// <summary>Rows that were skipped, with their line numbers.</summary>
    public MalformedRows Malformed { get; } = new();

    /// <summary>
    /// Reads the header of <paramref name="reader"/> (disposed with the returned reader). False, with the reason, when
    /// there is no header or it names no close column.
    /// </summary>
    public static bool TryOpen(TextReader reader, out OhlcvCsvReader? csv, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(reader);
        csv = null;
        string? header = reader.ReadLine();
        if (header is null)
        {
            problem = "the file is empty (expected a header row such as Date,Open,High,Low,Close,Volume)";
            return false;
        }
        string[] names = header.TrimStart('\uFEFF').Split(',');
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < names.Length; i++)
            columns.TryAdd(names[i].Trim(), i);
        if (!columns.ContainsKey("close"))
        {
            problem = $"the header '{header.Trim()}' has no Close column (expected a header such as Date,Open,High,Low,Close,Volume)";
            return false;
        }
        csv = new OhlcvCsvReader(reader, columns);
        problem = null;
        return true;
    }

    /// <summary>Opens a file; see <see cref="TryOpen(TextReader, out OhlcvCsvReader?, out string?)"/>.</summary>
    public static bool TryOpen(string path, out OhlcvCsvReader? csv, out string? problem)
    {
        var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        if (TryOpen(reader, out csv, out problem))
            return true;
        reader.Dispose();
        return false;
    }

    /// <summary>Reads the next well-formed row; false at the end of the file.</summary>
    public bool TryRead(out OhlcvRow row)
    {
        while (_reader.ReadLine() is { } line)
        {
            _lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            string? problem = TryParse(line.Split(','), out row);
            if (problem is null)
                return true;
            Malformed.Add(_lineNumber, problem);
        }
        row = default;
        return false;
    }

    private string? TryParse(string[] cells, out OhlcvRow row)
    {
        row = default;
        if (!TryParseTime(cells[0].Trim(), out long timeNs))
            return $"time '{cells[0].Trim()}' is not a date, an ISO time or Unix seconds";
        if (!TryNumber(cells, _close, out double close))
            return "close is not a number";
        double open = close, high = close, low = close, volume = 0;
        if ((_open >= 0 && !TryNumber(cells, _open, out open)) || (_high >= 0 && !TryNumber(cells, _high, out high))
            || (_low >= 0 && !TryNumber(cells, _low, out low)))
            return "open, high or low is not a number";
        if (_volume >= 0 && !TryNumber(cells, _volume, out volume))
            return "volume is not a number";
        string? symbol = _symbol >= 0 && _symbol < cells.Length ? cells[_symbol].Trim() : null;
        row = new OhlcvRow(_lineNumber, symbol, new OhlcvBar(timeNs, open, high, low, close, volume));
        return null;
    }

    private static bool TryNumber(string[] cells, int column, out double value)
    {
        value = double.NaN;
        return column < cells.Length
            && double.TryParse(cells[column].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool TryParseTime(string cell, out long timeNs)
    {
        timeNs = 0;
        DateTime time;
        if (long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out long unixSeconds))
        {
            if (unixSeconds > 253_402_300_799) // beyond 9999-12-31: not seconds
                return false;
            time = DateTime.UnixEpoch.AddSeconds(unixSeconds);
        }
        else if (!DateTime.TryParseExact(cell, UsDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time)
                 && !DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time))
        {
            return false;
        }
        timeNs = (time - DateTime.UnixEpoch).Ticks * 100;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
