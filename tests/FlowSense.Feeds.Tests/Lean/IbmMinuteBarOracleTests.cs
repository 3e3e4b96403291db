using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;
using Xunit.Abstractions;

namespace FlowSense.Feeds.Tests.Lean;

/// <summary>
/// IBM's trade ticks of 2013-10-07 built into 1-minute bars by <see cref="TimeBarBuilder"/>, against the vendor's
/// own minute bars of the same day that LEAN ships (shared/data/equity-ticks). Neither file was written here.
/// </summary>
public sealed class IbmMinuteBarOracleTests(ITestOutputHelper output)
{
    private static readonly InstrumentId Ibm = new("USA", "IBM");

    private sealed record Comparison(int Minutes, int VolumeEqual, int OhlcEqual, int TickMinutesWithoutVendorBar, long MaxPriceDiff, long Suspicious, long Excluded, string Differing);

    private static Comparison Compare(SaleConditionFilter filter)
    {
        var report = new LeanReadReport();
        var builder = new TimeBarBuilder(TimeFrame.OneMinute, filter);
        var built = new Dictionary<long, Bar>();
        long suspicious = 0;
        long lastTime = 0;
        foreach (LeanTradeTick tick in LeanDataReader.ReadTradeTicks(SharedData.File("equity-ticks", "tick", "20131007_trade.zip"), Ibm, report))
        {
            if (tick.Suspicious)
                suspicious++;
            if (builder.Add(tick.Trade, tick.Eligibility(filter), out Bar closed))
                built.Add(closed.StartTimeNs, closed);
            lastTime = tick.Trade.Header.ExchangeTimeNs;
        }
        if (builder.AdvanceTo(lastTime + TimeFrame.OneDay.PeriodNs, out Bar last))
            built.Add(last.StartTimeNs, last);
        Assert.Equal(0, report.MalformedCount);

        var vendorReport = new LeanReadReport();
        var vendor = LeanDataReader.ReadTradeBars(SharedData.File("equity-ticks", "minute", "20131007_trade.zip"), TimeSpan.FromMinutes(1), vendorReport).ToList();
        Assert.Equal(0, vendorReport.MalformedCount);

        int volumeEqual = 0, ohlcEqual = 0;
        long maxPriceDiff = 0;
        var differing = new List<string>();
        foreach (Bar v in vendor)
        {
            if (!built.TryGetValue(v.StartTimeNs, out Bar b))
                continue;
            if (b.Volume == v.Volume)
                volumeEqual++;
            if (b.Open == v.Open && b.High == v.High && b.Low == v.Low && b.Close == v.Close)
                ohlcEqual++;
            else
                differing.Add(DateTime.UnixEpoch.AddTicks(v.StartTimeNs / 100).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            maxPriceDiff = Math.Max(maxPriceDiff, new[] { b.Open - v.Open, b.High - v.High, b.Low - v.Low, b.Close - v.Close }.Max(Math.Abs));
        }
        var vendorStarts = vendor.Select(v => v.StartTimeNs).ToHashSet();
        int extra = built.Keys.Count(k => !vendorStarts.Contains(k));
        string shown = differing.Count <= 12 ? string.Join(' ', differing) : $"{differing.Count} minutes";
        return new Comparison(vendor.Count, volumeEqual, ohlcEqual, extra, maxPriceDiff, suspicious, builder.ExcludedTrades, "OHLC differs at (UTC) " + shown);
    }

    [Fact]
    public void Minute_volume_matches_the_vendor_on_at_least_449_of_453_minutes()
    {
        Comparison c = Compare(SaleConditionFilter.UsEquity);
        output.WriteLine($"UsEquity filter: {c}");
        Assert.Equal(453, c.Minutes);
        Assert.Equal(0, c.TickMinutesWithoutVendorBar);
        // Measured: 451. The two other minutes are 15:59 and 16:01 New York: the vendor books the closing cross
        // (151,665 shares, reported 16:01 with ClosingPrints) into its 15:59 bar, which a causal builder cannot do.
        Assert.True(c.VolumeEqual >= 451, $"volume equal on {c.VolumeEqual} minutes");
        Assert.Equal(2, c.Excluded); // the official open (64 shares) and official close (22 shares) re-publications
    }

    [Fact]
    public void Lean_documented_price_rule_reproduces_the_vendor_ohlc()
    {
        Comparison all = Compare(SaleConditionFilter.UsEquity);
        Comparison vendorRule = Compare(SaleConditionFilter.LeanTradeBars);
        output.WriteLine($"UsEquity filter:       {all}");
        output.WriteLine($"LeanTradeBars filter: {vendorRule}");
        Assert.True(vendorRule.VolumeEqual >= 451, $"volume equal on {vendorRule.VolumeEqual} minutes");
        // Measured: 243 of 453 minutes with identical OHLC when every trade sets prices; 451 with LEAN's documented
        // rule (sweep, trade-through-exempt and odd-lot prices left out unless a regular-kind flag is present).
        Assert.True(all.OhlcEqual >= 243, $"OHLC equal on {all.OhlcEqual} minutes");
        Assert.True(vendorRule.OhlcEqual >= 451, $"OHLC equal on {vendorRule.OhlcEqual} minutes");
    }
}
