using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowSense.Cli.Terminal;

/// <summary>A table of text, rendered by <see cref="CliConsole.Table"/>: a Spectre table on a terminal, tab-separated lines otherwise.</summary>
public sealed record TableView(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The Spectre rendering (numbers right-aligned).</summary>
    public IRenderable ToRenderable()
    {
        var table = new Table().Title(Markup.Escape(Title)).Border(TableBorder.Rounded);
        foreach (string header in Headers)
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        foreach (IReadOnlyList<string> row in Rows)
        {
            table.AddRow(row.Select(c => (IRenderable)new Text(c)).ToArray());
        }
        for (int i = 0; i < Headers.Count; i++)
        {
            if (Rows.Count > 0 && Rows.All(r => i < r.Count && (r[i].Length == 0 || decimal.TryParse(r[i].Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))))
                table.Columns[i].RightAligned();
        }
        return table;
    }

    /// <summary>The plain rendering: the title, the headers and each row, cells separated by tabs.</summary>
    public IEnumerable<string> ToLines()
    {
        yield return Title;
        yield return string.Join('\t', Headers);
        foreach (IReadOnlyList<string> row in Rows)
            yield return string.Join('\t', row);
    }
}
