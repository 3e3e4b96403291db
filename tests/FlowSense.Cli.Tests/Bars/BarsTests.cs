using System.Globalization;
using FlowSense.Cli.Terminal;
using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Bars;
using FlowSense.Testing;

namespace FlowSense.Cli.Tests.Bars;

/// <summary><c>flowsense bars</c> against the vendor's own bars of the same day (LEAN's IBM 2013-10-07 data).</summary>
public sealed class BarsTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Minute_bars_from_IBM_ticks_have_the_vendors_volume_on_451_of_453_minutes()
    {
        string output = _cli.PathOf("ibm.csv");
        CliResult result = await _cli.Invoke("bars", "--input", SharedData.File("equity-ticks", "tick", "20131007_trade.zip"), "--timeframe", "1m", "--emit", output);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);

        Dictionary<long, Bar> vendor = VendorMinuteBars();
        var built = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(453, vendor.Count);
        Assert.Equal(453, built.Count);
        Assert.All(built, c => Assert.Equal("IBM", c[1]));
        int volumeEqual = built.Count(c => vendor.TryGetValue(StartNs(c[0]), out Bar v) && v.Volume == long.Parse(c[6], CultureInfo.InvariantCulture));
        // The two others are 15:59 and 16:01 New York: the vendor books the closing cross into 15:59 (see the Feeds oracle).
        Assert.Equal(451, volumeEqual);
    }

    [Fact]
    public async Task Lean_rule_reproduces_the_vendor_prices_too()
    {
        string output = _cli.PathOf("ibm-lean.csv");
        CliResult result = await _cli.Invoke("bars", "--input", SharedData.File("equity-ticks", "tick", "20131007_trade.zip"), "--sale-conditions", "lean", "--emit", output);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Dictionary<long, Bar> vendor = VendorMinuteBars();
        int ohlcEqual = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).Count(c =>
            vendor.TryGetValue(StartNs(c[0]), out Bar v) && (Price(c[2]), Price(c[3]), Price(c[4]), Price(c[5])) == (v.Open, v.High, v.Low, v.Close));
        Assert.True(ohlcEqual >= 451, $"OHLC equal on {ohlcEqual} minutes");
    }

    [Fact]
    public async Task ITCH_LOBSTER_and_capture_tapes_build_bars_too()
    {
        CliResult itch = await _cli.Invoke("bars", "--input", SharedData.File("itch", "ex20101224.TEST_ITCH_50"), "--emit", _cli.PathOf("itch.csv"));
        Assert.Equal(ExitCodes.Ok, itch.ExitCode);
        Assert.Equal("5,180", itch.Fact("trades")); // 5000 hidden-order trades and the 180 executions of orders the file added
        Assert.Equal("18", itch.Fact("executions of orders from before the file"));
        Assert.Equal(["ALC", "BOB", "CHAR"], File.ReadAllLines(_cli.PathOf("itch.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().Order());

        CliResult lobster = await _cli.Invoke("bars", "--input", SharedData.File("lobster", "AAPL_2012-06-21_34200000_57600000_message_10.csv"), "--timeframe", "1s", "--emit", _cli.PathOf("lobster.csv"));
        Assert.Equal(ExitCodes.Ok, lobster.ExitCode);
        long lobsterVolume = File.ReadLines(SharedData.File("lobster", "AAPL_2012-06-21_34200000_57600000_message_10.csv"))
            .Select(l => l.Split(',')).Where(c => c[1] is "4" or "5" or "6").Sum(c => long.Parse(c[3], CultureInfo.InvariantCulture));
        Assert.Equal(lobsterVolume, File.ReadAllLines(_cli.PathOf("lobster.csv")).Skip(1).Sum(l => long.Parse(l.Split(',')[6], CultureInfo.InvariantCulture)));

        CliResult kraken = await _cli.Invoke("bars", "--input", SharedData.File("crypto", "KRAKEN.ws.48.0"), "--venue", "kraken", "--emit", _cli.PathOf("kraken.csv"));
        Assert.Equal(ExitCodes.Ok, kraken.ExitCode);
        Assert.Contains(File.ReadAllLines(_cli.PathOf("kraken.csv")), l => l.Contains(",XMR/USD,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_time_frame_or_a_file_of_unknown_format_is_a_clear_error()
    {
        string input = SharedData.File("equity-ticks", "tick", "20131007_trade.zip");
        CliResult frame = await _cli.Invoke("bars", "--input", input, "--timeframe", "1w", "--emit", _cli.PathOf("x.csv"));
        Assert.Equal(ExitCodes.Usage, frame.ExitCode);
        Assert.Contains("'1w' is not a time frame", frame.Error, StringComparison.Ordinal);

        File.WriteAllText(_cli.PathOf("ticks.bin"), "nothing");
        CliResult format = await _cli.Invoke("bars", "--input", _cli.PathOf("ticks.bin"), "--emit", _cli.PathOf("x.csv"));
        Assert.Equal(ExitCodes.Usage, format.ExitCode);
        Assert.Contains("--format", format.Error, StringComparison.Ordinal);
    }

    /// <summary>The vendor's own minute bars of the day, by start time.</summary>
    private static Dictionary<long, Bar> VendorMinuteBars() =>
        LeanDataReader.ReadTradeBars(SharedData.File("equity-ticks", "minute", "20131007_trade.zip"), TimeSpan.FromMinutes(1), new LeanReadReport())
            .ToDictionary(b => b.StartTimeNs);

    private static long StartNs(string isoTime) => (DateTimeOffset.Parse(isoTime, CultureInfo.InvariantCulture).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private static long Price(string text) => (long)(decimal.Parse(text, CultureInfo.InvariantCulture) * 10_000);

    public void Dispose() => _cli.Dispose();
}
