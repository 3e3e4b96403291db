using System.Globalization;
using FlowSense.MarketData.Indicators;
using FlowSense.Testing;

namespace FlowSense.MarketData.Tests.Indicators;

/// <summary>
/// A reference CSV from LEAN's Tests/TestData (shared/data/lean): a header row, then one row per bar. Reads the
/// quirks of those files: a byte-order mark, trailing spaces in headers, US dates with AM/PM, ISO dates or Unix
/// seconds, volumes in scientific notation, and empty or "NaN" cells where no expected value exists.
/// </summary>
internal sealed class LeanReferenceFile
{
    private static readonly string[] DateFormats =
        ["M/d/yyyy h:mm:ss tt", "MM/dd/yyyy hh:mm:ss tt", "M/d/yyyy", "yyyy-MM-dd"];

    private readonly Dictionary<string, int> _columns;
    private readonly List<string[]> _rows;

    private LeanReferenceFile(string name, Dictionary<string, int> columns, List<string[]> rows)
    {
        Name = name;
        _columns = columns;
        _rows = rows;
    }

    public string Name { get; }

    public int RowCount => _rows.Count;

    public static LeanReferenceFile Load(string fileName)
    {
        // File.ReadAllLines drops a UTF-8 BOM (spy_logr14.txt starts with one).
        string[] lines = File.ReadAllLines(SharedData.File("lean", fileName));
        string[] header = lines[0].TrimStart('\uFEFF').Split(',');
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
            columns[header[i].Trim()] = i;
        var rows = new List<string[]>(lines.Length);
        foreach (string line in lines.Skip(1))
        {
            if (line.Length > 0)
                rows.Add(line.Split(','));
        }
        return new LeanReferenceFile(fileName, columns, rows);
    }

    public bool HasColumn(string column) => _columns.ContainsKey(column);

    public string Cell(int row, string column)
    {
        if (!_columns.TryGetValue(column, out int index))
            throw new KeyNotFoundException($"{Name} has no column '{column}'.");
        string[] cells = _rows[row];
        return index < cells.Length ? cells[index].Trim() : string.Empty;
    }

    /// <summary>The expected value in a cell, or null when the cell is empty or NaN (no expectation).</summary>
    public double? Expected(int row, string column)
    {
        string cell = Cell(row, column);
        if (cell.Length == 0 || cell.Equals("NaN", StringComparison.OrdinalIgnoreCase))
            return null;
        return double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public double Number(int row, string column) =>
        double.Parse(Cell(row, column), NumberStyles.Float, CultureInfo.InvariantCulture);

    public DateTime Time(int row)
    {
        string cell = _rows[row][0].Trim();
        if (long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out long unixSeconds))
            return DateTime.UnixEpoch.AddSeconds(unixSeconds);
        return DateTime.ParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    /// <summary>The row as a bar; files without some of the OHLCV columns give the close in their place (and volume 0).</summary>
    public OhlcvBar Bar(int row)
    {
        double close = Number(row, "Close");
        long timeNs = (Time(row) - DateTime.UnixEpoch).Ticks * 100;
        return new OhlcvBar(
            timeNs,
            HasColumn("Open") ? Number(row, "Open") : close,
            HasColumn("High") ? Number(row, "High") : close,
            HasColumn("Low") ? Number(row, "Low") : close,
            close,
            HasColumn("Volume") ? Number(row, "Volume") : 0);
    }
}
