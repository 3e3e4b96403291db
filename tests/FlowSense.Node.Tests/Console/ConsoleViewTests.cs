using FlowSense.Management.Contract;
using FlowSense.Node.Console;
using Spectre.Console;

namespace FlowSense.Node.Tests.Console;

/// <summary>What the live view and the plain progress line print for a known snapshot.</summary>
public sealed class ConsoleViewTests
{
    private static readonly NodeSnapshot Snapshot = new(
        TimeSpan.FromSeconds(65),
        [new SymbolRow(
            new SymbolSummary("COINBASE:SKL-USD", 7, 2836, 0.79100000m, 0.79230000m),
            new SymbolFeatures("COINBASE:SKL-USD", 9, null, 0.791m, 0.7923m, 0.79165, 0.0013m, 0.0016, 0.79119, 0.2, 14532.9m, 0.25, null, null, null, 1.5),
            new BarInfo(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1), 0.792m, 0.793m, 0.791m, 0.7925m, 29.5m, 0.792, 3), "1s", 67)],
        21,
        [new ConnectorInfo("coinbase", "capture", "Replaying", 0, 0, 10954, 0, null, 0.376),
         new ConnectorInfo("ibm", "lean", "Completed", 0, 0, 133360, 2, null, 1.0)],
        144314, 5120.4);

    [Fact]
    public void The_progress_line_names_every_connector_with_its_progress_and_the_totals()
    {
        Assert.Equal(
            "[00:01:05] 144,314 events, 5,120 events/s, 21 symbols | coinbase 37.6 % | ibm 100.0 % completed | rejected 2, resyncs 0",
            ProgressLine.Format(Snapshot));
    }

    [Fact]
    public void The_live_view_shows_top_of_book_features_last_bar_and_progress()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 220;
        console.Write(LiveViewRenderer.Render(Snapshot, "node-1"));
        string text = writer.ToString();

        Assert.Contains("21 symbols  ·  144,314 events  ·  5,120 events/s", text, StringComparison.Ordinal);
        foreach (string cell in new[] { "COINBASE:SKL-USD", "0.791", "0.7923", "0.0013", "14532.9", "0.79119", "0.250", "1s 00:00:00 0.792 0.793 0.791 0.7925 29.5", "2,836", "67" })
            Assert.Contains(cell, text, StringComparison.Ordinal);
        Assert.DoesNotContain("0.79100000", text, StringComparison.Ordinal);
        Assert.Contains("█████████░░░░░░░░░░░░░░░ 37.6 %", text, StringComparison.Ordinal);
        Assert.Contains("Completed", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(0.0, "░░░░░░░░░░░░░░░░░░░░░░░░ 0.0 %")]
    [InlineData(0.5, "████████████░░░░░░░░░░░░ 50.0 %")]
    [InlineData(1.5, "████████████████████████ 100.0 %")]
    public void The_progress_bar_is_24_cells_and_a_percentage(double? fraction, string expected) =>
        Assert.Equal(expected, LiveViewRenderer.ProgressBar(fraction));
}
