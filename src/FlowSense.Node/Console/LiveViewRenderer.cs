using System.Globalization;
using FlowSense.Management.Contract;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlowSense.Node.Console;

/// <summary>
/// Draws a <see cref="NodeSnapshot"/> for a terminal: a table of the busiest symbols (top of book, spread, OFI,
/// microprice, VPIN, last bar, events/s) above the connectors with their replay progress.
/// </summary>
internal static class LiveViewRenderer
{
    private const int ProgressWidth = 24;

    public static IRenderable Render(NodeSnapshot snapshot, string nodeId)
    {
        var symbols = new Table().Border(TableBorder.Rounded).Expand()
            .Title($"[bold]FlowSense[/] {Markup.Escape(nodeId)}  ·  {snapshot.SymbolCount} symbols  ·  {snapshot.Events:N0} events  ·  {snapshot.EventsPerSecond:N0} events/s  ·  {snapshot.Elapsed:hh\\:mm\\:ss}")
            .AddColumn("symbol").AddColumn(new TableColumn("bid").RightAligned()).AddColumn(new TableColumn("ask").RightAligned())
            .AddColumn(new TableColumn("spread").RightAligned()).AddColumn(new TableColumn("OFI").RightAligned())
            .AddColumn(new TableColumn("microprice").RightAligned()).AddColumn(new TableColumn("VPIN").RightAligned())
            .AddColumn("last bar (O H L C V)").AddColumn(new TableColumn("events").RightAligned()).AddColumn(new TableColumn("ev/s").RightAligned());
        foreach (SymbolRow row in snapshot.Symbols)
        {
            SymbolFeatures? f = row.Features;
            symbols.AddRow(
                Markup.Escape(row.Summary.Symbol),
                Price(row.Summary.BestBid), Price(row.Summary.BestAsk),
                Price(f?.Spread), Number(f?.Ofi), Number(f?.Microprice), Number(f?.Vpin, "F3"),
                Markup.Escape(Bar(row.LastBar, row.BarTimeFrame)),
                row.Summary.Events.ToString("N0", CultureInfo.InvariantCulture),
                row.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        }
        if (snapshot.Symbols.Count == 0)
            symbols.AddRow("[grey]waiting for the first events…[/]");

        var connectors = new Table().Border(TableBorder.Rounded).Expand().Title("connectors")
            .AddColumn("name").AddColumn("kind").AddColumn("state").AddColumn("progress")
            .AddColumn(new TableColumn("events").RightAligned()).AddColumn(new TableColumn("rejected").RightAligned())
            .AddColumn(new TableColumn("resyncs").RightAligned()).AddColumn("last error");
        foreach (ConnectorInfo c in snapshot.Connectors)
        {
            connectors.AddRow(
                Markup.Escape(c.Name), Markup.Escape(c.Kind), StateMarkup(c.State), ProgressBar(c.Progress),
                c.Events.ToString("N0", CultureInfo.InvariantCulture), c.Rejected.ToString("N0", CultureInfo.InvariantCulture),
                c.Resyncs.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(c.LastError ?? ""));
        }
        return new Rows(symbols, connectors, new Markup("[grey]Ctrl+C stops the node gracefully.[/]"));
    }

    /// <summary>A text progress bar: ████████░░░░ 66.7%.</summary>
    public static string ProgressBar(double? fraction)
    {
        if (fraction is not { } f)
            return "";
        f = Math.Clamp(f, 0, 1);
        int filled = (int)Math.Round(f * ProgressWidth);
        return new string('█', filled) + new string('░', ProgressWidth - filled) + " " + f.ToString("P1", CultureInfo.InvariantCulture);
    }

    private static string StateMarkup(string state) => state switch
    {
        "Completed" or "Live" => $"[green]{state}[/]",
        "Failed" or "Disconnected" => $"[red]{state}[/]",
        _ => $"[yellow]{Markup.Escape(state)}[/]",
    };

    // G29 drops the trailing zeros of a venue's fixed scale (0.79100000 → 0.791).
    private static string Price(decimal? value) => value?.ToString("G29", CultureInfo.InvariantCulture) ?? "[grey]–[/]";

    private static string Number(double? value, string format = "G6") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "[grey]–[/]";

    private static string Number(decimal? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "[grey]–[/]";

    private static string Bar(BarInfo? bar, string? timeFrame) => bar is null ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{timeFrame} {bar.Start:HH:mm:ss} {bar.Open:G29} {bar.High:G29} {bar.Low:G29} {bar.Close:G29} {bar.Volume:G6}");
}
