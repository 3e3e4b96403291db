using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Testing;

namespace FlowSense.Cli.Tests.Replay;

/// <summary><c>replay lobster</c> against LOBSTER's own orderbook file for the same messages (shared/data/lobster).</summary>
public sealed class LobsterReplayTests : IDisposable
{
    private static readonly string Messages = SharedData.File("lobster", "AAPL_2012-06-21_34200000_57600000_message_10.csv");
    private static readonly string Reference = SharedData.File("lobster", "AAPL_2012-06-21_34200000_57600000_orderbook_10.csv");
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Seeded_replay_matches_every_determined_level_of_the_reference()
    {
        string output = _cli.PathOf("book.csv");
        CliResult result = await _cli.Invoke("replay", "lobster", "--message", Messages, "--emit-book", output, "--orderbook", Reference);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("998", result.Fact("transitions compared"));
        Assert.Equal("19,642", result.Fact("levels determined")); // the count the market-data oracle tests establish
        Assert.Equal("19,642 (100.00 %)", result.Fact("levels matched"));

        // The file itself, read back with LOBSTER's reader: row k against reference row k on the levels row k-1 determines.
        List<(Level[] Bids, Level[] Asks)> written = Rows(output), reference = Rows(Reference);
        Assert.Equal(999, written.Count);
        var tally = new LevelTally();
        for (int k = 1; k < written.Count; k++)
        {
            var view = new L2Book(new InstrumentId("NASDAQ", "AAPL"));
            view.LoadSnapshot(written[k].Bids, written[k].Asks);
            tally += DeterminedLevels.Tally(Side.Bid, reference[k].Bids, view, DeterminedLevels.BoundaryOf(reference[k - 1].Bids, 10), 10);
            tally += DeterminedLevels.Tally(Side.Ask, reference[k].Asks, view, DeterminedLevels.BoundaryOf(reference[k - 1].Asks, 10), 10);
        }
        Assert.Equal(new LevelTally(19_642, 19_642), tally);
    }

    [Fact]
    public async Task Unseeded_replay_writes_a_row_per_message_with_the_requested_levels()
    {
        string output = _cli.PathOf("book5.csv");
        CliResult result = await _cli.Invoke("replay", "lobster", "--message", Messages, "--levels", "5", "--emit-book", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string[] lines = File.ReadAllLines(output);
        Assert.Equal(999, lines.Length);
        Assert.All(lines, l => Assert.Equal(20, l.Split(',').Length));
        // The first message is a buy order of 18 at 585.33 on an empty book: one bid, dummy prices elsewhere.
        Assert.Equal("9999999999,0,5853300,18,9999999999,0,-9999999999,0", string.Join(',', lines[0].Split(',').Take(8)));
    }

    [Fact]
    public async Task Malformed_message_rows_are_counted_and_the_exit_code_says_so()
    {
        string messages = _cli.PathOf("AAPL_2012-06-21_34200000_57600000_message_10.csv");
        var lines = File.ReadAllLines(Messages).Take(20).ToList();
        lines.Insert(5, "34200.1,9,1,1,1,1");
        lines.Insert(9, "not,a,row");
        File.WriteAllLines(messages, lines);
        CliResult result = await _cli.Invoke("replay", "lobster", "--message", messages, "--emit-book", _cli.PathOf("out.csv"));

        Assert.Equal(ExitCodes.Rejects, result.ExitCode);
        Assert.Equal("20 (2 malformed rows skipped)", result.Fact("messages"));
        Assert.Contains("line 6: event type is not 1-7", result.Error, StringComparison.Ordinal);
        Assert.Equal(20, File.ReadAllLines(_cli.PathOf("out.csv")).Length);
    }

    private static List<(Level[] Bids, Level[] Asks)> Rows(string path)
    {
        using var reader = LobsterBookReader.Open(path);
        var rows = new List<(Level[], Level[])>();
        while (reader.TryRead())
            rows.Add((reader.Bids.ToArray(), reader.Asks.ToArray()));
        Assert.Equal(0, reader.Malformed.Count);
        return rows;
    }

    public void Dispose() => _cli.Dispose();
}
