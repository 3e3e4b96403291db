using FlowSense.Cli.Terminal;
using FlowSense.Testing;

namespace FlowSense.Cli.Tests.Replay;

/// <summary><c>replay itch</c> on the RITCH sample (5000 orders for ALC, BOB and CHAR, as its authors count them).</summary>
public sealed class ItchReplayTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Every_applied_order_event_writes_its_stocks_top_of_book()
    {
        string output = _cli.PathOf("itch.csv");
        CliResult result = await _cli.Invoke("replay", "itch", SharedData.File("itch", "ex20101224.TEST_ITCH_50"), "--emit-top", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("12,012", result.Fact("messages"));
        Assert.Equal("ALC BOB CHAR", result.Fact("stocks"));
        string[] rows = File.ReadAllLines(output);
        Assert.Equal("stock,timestamp,bid_price,bid_size,ask_price,ask_size", rows[0]);
        Assert.Equal(result.Fact("order events applied"), (rows.Length - 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        // 5000 adds reach the books (ALC 950, BOB 2482, CHAR 1568 orders); every stock's first row is its first add.
        Assert.True(rows.Length - 1 >= 5000);
        Assert.All(rows.Skip(1), r => Assert.Matches(@"^(ALC|BOB|CHAR),2010-12-24T\d\d:\d\d:\d\d\.\d{9}Z,(\d+\.\d{4})?,\d*,(\d+\.\d{4})?,\d*$", r));
    }

    [Fact]
    public async Task A_file_name_without_a_date_asks_for_date()
    {
        string copy = _cli.PathOf("sample.itch");
        File.Copy(SharedData.File("itch", "ex20101224.TEST_ITCH_50"), copy);
        CliResult result = await _cli.Invoke("replay", "itch", copy, "--emit-top", _cli.PathOf("x.csv"));
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--date", result.Error, StringComparison.Ordinal);

        CliResult dated = await _cli.Invoke("replay", "itch", copy, "--date", "2010-12-24", "--emit-top", _cli.PathOf("x.csv"));
        Assert.Equal(ExitCodes.Ok, dated.ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
