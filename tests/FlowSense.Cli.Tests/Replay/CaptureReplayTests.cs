using System.Globalization;
using System.Text.Json;
using FlowSense.Cli.Terminal;
using FlowSense.Testing;

namespace FlowSense.Cli.Tests.Replay;

/// <summary><c>replay capture</c> against the venues' own checks recorded in the same sessions (shared/data/crypto).</summary>
public sealed class CaptureReplayTests : IDisposable
{
    private readonly CliRun _cli = new();

    private static string Crypto(string name) => SharedData.File("crypto", name);

    /// <summary>
    /// Binance's bookTicker stream is the oracle: each row's best bid/ask must be, as text, the latest bookTicker of the
    /// symbol whose update id is not above the row's (the depth stream lags the ticker by up to 100 ms, so comparing by
    /// arrival would not be fair; comparing by id is exact).
    /// </summary>
    [Fact]
    public async Task Binance_rows_equal_the_latest_bookTicker_not_newer_than_their_update_id()
    {
        string output = _cli.PathOf("binance.csv");
        CliResult result = await _cli.Invoke("replay", "capture", "--venue", "binance", Crypto("BINANCE.ws.1.0"), Crypto("BINANCE.http.0.0"), "--emit-top", output);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("0", result.Fact("gaps (U > last u + 1)"));

        var tickers = BookTickers(Crypto("BINANCE.ws.1.0"));
        string[] rows = File.ReadAllLines(output);
        Assert.Equal("symbol,update_id,bid_price,bid_size,ask_price,ask_size", rows[0]);
        int compared = 0;
        var mismatches = new List<string>();
        foreach (string row in rows.Skip(1))
        {
            string[] c = row.Split(',');
            long id = long.Parse(c[1], CultureInfo.InvariantCulture);
            if (!tickers.TryGetValue(c[0], out var list) || list.LastOrDefault(t => t.UpdateId <= id) is not { } ticker)
                continue;
            compared++;
            if ((c[2], c[3], c[4], c[5]) != (ticker.Bid, ticker.BidQty, ticker.Ask, ticker.AskQty))
                mismatches.Add($"{row} vs ticker {ticker}");
        }
        Assert.Empty(mismatches);
        Assert.True(compared > 150, $"only {compared} rows had a bookTicker to compare with");
    }

    [Fact]
    public async Task Binance_with_a_symbol_writes_exactly_the_documented_header()
    {
        string output = _cli.PathOf("nkn.csv");
        CliResult result = await _cli.Invoke("replay", "capture", "--venue", "binance", Crypto("BINANCE.ws.1.0"), Crypto("BINANCE.http.0.0"), "--emit-top", output, "--symbol", "NKNUSDT");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string[] rows = File.ReadAllLines(output);
        Assert.Equal("update_id,bid_price,bid_size,ask_price,ask_size", rows[0]);
        Assert.True(rows.Length > 10);
        Assert.All(rows.Skip(1), r => Assert.Matches(@"^\d+,\d+\.\d{8},\d+\.\d{8},\d+\.\d{8},\d+\.\d{8}$", r));
    }

    [Fact]
    public async Task Kraken_checksums_all_match_and_every_book_event_is_a_row()
    {
        string output = _cli.PathOf("kraken.csv");
        CliResult result = await _cli.Invoke("replay", "capture", "--venue", "kraken", Crypto("KRAKEN.ws.50.0"), "--emit-top", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("4,269", result.Fact("checksums (CRC32) verified"));
        Assert.Equal("4,269", result.Fact("checksums matched"));
        Assert.Equal("0", result.Fact("checksums mismatched"));
        Assert.Equal(10 + 4_269 + 1, File.ReadAllLines(output).Length); // 10 snapshots, 4269 updates, the header
    }

    [Fact]
    public async Task Kraken_rows_carry_the_prices_as_Kraken_prints_them()
    {
        string output = _cli.PathOf("kraken.csv");
        await _cli.Invoke("replay", "capture", "--venue", "kraken", Crypto("KRAKEN.ws.50.0"), "--emit-top", output, "--symbol", "XBT/CHF");
        // Every XBT/CHF price Kraken sent (snapshot and updates), as text: each row's best prices must be among them.
        var printed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Crypto("KRAKEN.ws.50.0")).Where(l => l.Contains("\"XBT/CHF\"", StringComparison.Ordinal) && l.Contains("book-", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                continue; // subscription status
            foreach (JsonElement part in doc.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                foreach (JsonProperty side in part.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
                    foreach (JsonElement level in side.Value.EnumerateArray())
                        printed.Add(level[0].GetString()!);
        }
        string[] rows = File.ReadAllLines(output).Skip(1).ToArray();
        Assert.True(rows.Length > 100);
        Assert.All(rows, r => Assert.True(printed.Contains(r.Split(',')[1]) && printed.Contains(r.Split(',')[3]), r));
    }

    [Fact]
    public async Task Bitstamp_books_never_cross_and_diffs_advance_by_microtimestamp()
    {
        string output = _cli.PathOf("bitstamp.csv");
        CliResult result = await _cli.Invoke("replay", "capture", "--venue", "bitstamp", Crypto("BITSTAMP.ws.1.0"), Crypto("BITSTAMP.http.0.0"), "--emit-top", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("0", result.Fact("crossed books (each one resyncs)"));
        Assert.Equal("none", result.Fact("pairs still awaiting a snapshot"));
        var last = new Dictionary<string, long>();
        foreach (string[] c in File.ReadAllLines(output).Skip(1).Select(r => r.Split(',')))
        {
            Assert.True(decimal.Parse(c[2], CultureInfo.InvariantCulture) < decimal.Parse(c[4], CultureInfo.InvariantCulture), string.Join(',', c));
            long micros = long.Parse(c[1], CultureInfo.InvariantCulture);
            Assert.True(micros > last.GetValueOrDefault(c[0]), $"{c[0]} went back to {micros}");
            last[c[0]] = micros;
        }
        Assert.Equal(10, last.Count);
    }

    [Fact]
    public async Task Coinbase_replays_every_update_and_says_gaps_cannot_be_detected()
    {
        string output = _cli.PathOf("coinbase.csv");
        CliResult result = await _cli.Invoke("replay", "capture", "--venue", "coinbase", Crypto("COINBASE.ws.28.0"), "--emit-top", output, "--symbol", "BAND-GBP");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("0", result.Fact("updates before their product's snapshot (dropped)"));
        Assert.StartsWith("not detectable", result.Fact("gaps"), StringComparison.Ordinal);
        // BAND-GBP quotes 4 price decimals and 2 size decimals, as the snapshot shows ("14.8024","12.77").
        Assert.Equal("7,14.7693,27.51,14.8024,12.77", File.ReadLines(output).Skip(1).First());
    }

    [Fact]
    public async Task An_unknown_symbol_lists_the_symbols_that_are_there()
    {
        CliResult result = await _cli.Invoke("replay", "capture", "--venue", "kraken", Crypto("KRAKEN.ws.50.0"), "--emit-top", _cli.PathOf("x.csv"), "--symbol", "XBT/USD");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("No book events for XBT/USD", result.Error, StringComparison.Ordinal);
        Assert.Contains("XBT/CHF", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_capture_lines_are_counted_as_rejects()
    {
        string capture = _cli.PathOf("KRAKEN.bad");
        var lines = File.ReadLines(Crypto("KRAKEN.ws.50.0")).Take(200).ToList();
        lines.Insert(50, "1618678134.2: [992,{\"b\":[[\"x\",\"1\",\"1\"]]},\"book-1000\",\"XMR/USD\"]");
        lines.Insert(60, "garbage that is no capture line");
        File.WriteAllLines(capture, lines);
        CliResult result = await _cli.Invoke("replay", "capture", "--venue", "kraken", capture, "--emit-top", _cli.PathOf("x.csv"));
        Assert.Equal(ExitCodes.Rejects, result.ExitCode);
        Assert.Equal("2", result.Fact("rejected (malformed or unreadable)"));
    }

    private static Dictionary<string, List<BookTicker>> BookTickers(string capture)
    {
        var tickers = new List<BookTicker>();
        foreach (string line in File.ReadLines(capture).Where(l => l.Contains("@bookTicker\",\"data\"", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            JsonElement d = doc.RootElement.GetProperty("data");
            tickers.Add(new BookTicker(d.GetProperty("s").GetString()!, d.GetProperty("u").GetInt64(),
                d.GetProperty("b").GetString()!, d.GetProperty("B").GetString()!, d.GetProperty("a").GetString()!, d.GetProperty("A").GetString()!));
        }
        return tickers.GroupBy(t => t.Symbol).ToDictionary(g => g.Key, g => g.OrderBy(t => t.UpdateId).ToList());
    }

    private sealed record BookTicker(string Symbol, long UpdateId, string Bid, string BidQty, string Ask, string AskQty);

    public void Dispose() => _cli.Dispose();
}
