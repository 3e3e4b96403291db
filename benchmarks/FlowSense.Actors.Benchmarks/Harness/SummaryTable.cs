using System.Globalization;
using System.Text;

namespace FlowSense.Actors.Benchmarks.Harness;

/// <summary>A plain-text table printed in one go once every row is known: labels left, numbers right-aligned.</summary>
internal sealed class SummaryTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params object[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        _rows.Add([.. cells.Select(Format)]);
    }

    public override string ToString()
    {
        int[] widths = [.. headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max())];
        var text = new StringBuilder();
        AppendRow(text, headers, widths);
        AppendRow(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (string[] row in _rows)
            AppendRow(text, row, widths);
        return text.ToString();
    }

    /// <summary>Millions with two decimals, e.g. 41.37M.</summary>
    public static string Millions(double value) => (value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Format(object cell) => cell switch
    {
        double d => Fixed(d, 2),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            // The first column holds labels (left-aligned), the others numbers (right-aligned).
            text.Append(i == 0 ? cells[i].PadRight(widths[i]) : "  " + cells[i].PadLeft(widths[i]));
        }
        text.AppendLine();
    }
}
