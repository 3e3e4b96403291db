using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.Quality;
using FlowSense.Testing;
using Xunit.Abstractions;

namespace FlowSense.Feeds.Tests.Lean;

/// <summary>The validators on a real day (IBM 2013-10-07): a clean tape must not be rejected, and gaps are visible.</summary>
public sealed class IbmTapeQualityTests(ITestOutputHelper output)
{
    private static readonly InstrumentId Ibm = new("USA", "IBM");

    [Fact]
    public void A_real_tape_passes_the_trade_checks()
    {
        var counters = new QualityCounters();
        var validator = new TradeValidator(counters);
        foreach (LeanTradeTick tick in LeanDataReader.ReadTradeTicks(SharedData.File("equity-ticks", "tick", "20131007_trade.zip"), Ibm, new LeanReadReport()))
            validator.Check(tick.Trade);

        SymbolQuality ibm = counters.Snapshot().Single();
        output.WriteLine($"{ibm.Checked} trades checked, {ibm.Rejected} rejected");
        Assert.True(ibm.Checked > 24_000);
        Assert.Equal(0, ibm.Rejected);
    }

    [Fact]
    public void Vendor_minute_bars_pass_the_bar_checks_and_their_gaps_are_counted()
    {
        var counters = new QualityCounters();
        var validator = new BarValidator(counters, TimeFrame.OneMinute);
        List<Bar> bars = LeanDataReader.ReadTradeBars(SharedData.File("equity-ticks", "minute", "20131007_trade.zip"), TimeSpan.FromMinutes(1), new LeanReadReport()).ToList();
        long missing = bars.Sum(bar => validator.Check(Ibm, bar).MissingPeriods);

        SymbolQuality ibm = counters.Snapshot().Single();
        output.WriteLine($"{ibm.Checked} bars, {ibm.Count(QualityIssues.Gap)} gaps, {missing} missing minutes");
        Assert.Equal(453, ibm.Checked);
        Assert.Equal(0, ibm.Rejected);
        // 453 bars span 04:00 to 19:59 New York with silent minutes outside regular hours: the gaps are real and visible.
        Assert.True(ibm.Count(QualityIssues.Gap) > 0);
        Assert.Equal(ibm.Checked + missing, ((bars[^1].StartTimeNs - bars[0].StartTimeNs) / TimeFrame.OneMinute.PeriodNs) + 1);
    }
}
