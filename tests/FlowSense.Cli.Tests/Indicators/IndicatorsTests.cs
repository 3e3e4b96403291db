using System.Globalization;
using FlowSense.Cli.Terminal;
using FlowSense.Testing;

namespace FlowSense.Cli.Tests.Indicators;

/// <summary>
/// <c>flowsense indicators</c> run on LEAN's reference files themselves (shared/data/lean): each output column against
/// the values LEAN's authors recorded, with their tolerances, wherever both have a value. The minimum counts are those
/// of the market-data core's own reference tests, so a column left empty by mistake fails.
/// </summary>
public sealed class IndicatorsTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Theory]
    [InlineData("spy_with_indicators.txt", "SMA14", "sma14", 1e-2, 487, 1.0)]
    [InlineData("spy_with_indicators.txt", "EMA14", "ema14", 1e-2, 487, 1.0)]
    [InlineData("spy_ema.csv", "EMA14", "ema14", 1e-3, 351, 1.0)]
    [InlineData("spy_with_indicators.txt", "RSI 14", "rsi14_simple", 1e-3, 485, 1.0)]
    [InlineData("spy_with_indicators.txt", "RSI 14 Wilder", "rsi14", 1e-3, 486, 1.0)]
    [InlineData("spy_with_indicators.txt", "MACD 12 26", "macd", 1e-3, 467, 1.0)]
    [InlineData("spy_with_macd.txt", "MACD", "macd", 1e-4, 183, 1.0)]
    [InlineData("spy_with_macd.txt", "Signal", "macd_signal", 1e-4, 183, 1.0)]
    [InlineData("spy_with_macd.txt", "Histogram", "macd_histogram", 1e-4, 183, 1.0)]
    [InlineData("spy_bollinger_bands.txt", "Moving Average 20", "bb20_middle", 1e-3, 481, 1.0)]
    [InlineData("spy_bollinger_bands.txt", "Bollinger Bands® 20 2 Top", "bb20_upper", 1e-3, 481, 1.0)]
    [InlineData("spy_bollinger_bands.txt", "Bollinger Bands® 20 2 Bottom", "bb20_lower", 1e-3, 481, 1.0)]
    [InlineData("spy_bollinger_bands.txt", "BandWidth", "bb20_bandwidth", 1e-3, 481, 100.0)] // LEAN's file is in percent
    [InlineData("spy_bollinger_bands.txt", "%B", "bb20_percent_b", 1e-3, 481, 1.0)]
    [InlineData("spy_atr_wilder.txt", "Average True Range 14", "atr14", 1e-3, 488, 1.0)]
    [InlineData("spy_atr.txt", "Average True Range 14", "atr14_simple", 1e-3, 487, 1.0)]
    [InlineData("spy_with_StochRSI.csv", "k", "stochrsi_k", 1e-3, 469, 1.0)]
    [InlineData("spy_with_StochRSI.csv", "d", "stochrsi_d", 1e-3, 469, 1.0)]
    [InlineData("spy_with_vwap.txt", "Moving VWAP 50", "vwap50", 1e-3, 452, 1.0)]
    [InlineData("spy_var.txt", "Var", "var10", 1e-3, 491, 1.0)]
    [InlineData("spy_tr.txt", "TR", "tr", 1e-3, 499, 1.0)]
    [InlineData("spy_logr14.txt", "LOGR14", "logr14", 1e-3, 486, 1.0)]
    public async Task Every_column_agrees_with_LEANs_reference_values(string file, string expectedColumn, string column, double tolerance, int minimumCompared, double scale)
    {
        string output = _cli.PathOf("indicators.csv");
        CliResult result = await _cli.Invoke("indicators", "--input", SharedData.File("lean", file), "--emit", output);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);

        List<Dictionary<string, string>> expected = Csv(SharedData.File("lean", file)), actual = Csv(output);
        Assert.Equal(expected.Count, actual.Count);
        int compared = 0;
        var failures = new List<string>();
        for (int row = 0; row < expected.Count; row++)
        {
            string want = expected[row].GetValueOrDefault(expectedColumn, string.Empty), got = actual[row][column];
            if (want.Length == 0 || want.Equals("NaN", StringComparison.OrdinalIgnoreCase) || got.Length == 0)
                continue;
            compared++;
            double w = double.Parse(want, CultureInfo.InvariantCulture), g = scale * double.Parse(got, CultureInfo.InvariantCulture);
            if (Math.Abs(w - g) > tolerance)
                failures.Add($"row {row + 2}: expected {w}, got {g}");
        }
        Assert.Empty(failures);
        Assert.True(compared >= minimumCompared, $"{compared} rows compared, expected at least {minimumCompared}");
    }

    [Fact]
    public async Task Bars_written_by_flowsense_bars_feed_the_indicators_per_symbol()
    {
        CliResult bars = await _cli.Invoke("bars", "--input", SharedData.File("itch", "ex20101224.TEST_ITCH_50"), "--emit", _cli.PathOf("bars.csv"));
        Assert.Equal(ExitCodes.Ok, bars.ExitCode);
        CliResult result = await _cli.Invoke("indicators", "--input", _cli.PathOf("bars.csv"), "--emit", _cli.PathOf("indicators.csv"));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("ALC BOB CHAR", result.Fact("symbols"));

        // Each symbol's SMA14 is the mean of that symbol's last 14 closes, never mixed with another symbol's.
        var rows = Csv(_cli.PathOf("indicators.csv"));
        foreach (var symbol in rows.GroupBy(r => r["symbol"]))
        {
            var closes = symbol.Select(r => double.Parse(r["close"], CultureInfo.InvariantCulture)).ToList();
            var list = symbol.ToList();
            for (int i = 0; i < list.Count; i++)
            {
                if (i < 13)
                    Assert.Equal(string.Empty, list[i]["sma14"]);
                else
                    Assert.Equal(closes.Skip(i - 13).Take(14).Average(), double.Parse(list[i]["sma14"], CultureInfo.InvariantCulture), 1e-9);
            }
        }
    }

    [Fact]
    public async Task Malformed_rows_are_counted_and_a_file_without_close_is_refused()
    {
        File.WriteAllText(_cli.PathOf("bad.csv"), "Date,Open,High,Low,Close,Volume\n1/9/2013,1,2,0.5,1.5,100\n1/10/2013,1,2,0.5,oops,100\n");
        CliResult bad = await _cli.Invoke("indicators", "--input", _cli.PathOf("bad.csv"), "--emit", _cli.PathOf("out.csv"));
        Assert.Equal(ExitCodes.Rejects, bad.ExitCode);
        Assert.Equal("1", bad.Fact("malformed rows"));
        Assert.Contains("line 3: close is not a number", bad.Error, StringComparison.Ordinal);

        File.WriteAllText(_cli.PathOf("noclose.csv"), "Date,Open\n1/9/2013,1\n");
        CliResult noClose = await _cli.Invoke("indicators", "--input", _cli.PathOf("noclose.csv"), "--emit", _cli.PathOf("out.csv"));
        Assert.Equal(ExitCodes.BadInput, noClose.ExitCode);
        Assert.Contains("has no Close column", noClose.Error, StringComparison.Ordinal);
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        string[] header = lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim()).ToArray();
        return lines.Skip(1).Select(l =>
        {
            string[] cells = l.Split(',');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
                row[header[i]] = i < cells.Length ? cells[i].Trim() : string.Empty;
            return row;
        }).ToList();
    }

    public void Dispose() => _cli.Dispose();
}
