using System.IO.Compression;
using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Lean;

public sealed class LeanDataReaderTests : IDisposable
{
    private static readonly InstrumentId Ibm = new("USA", "IBM");
    private readonly string _dir = Directory.CreateTempSubdirectory("lean-reader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static long Utc(int year, int month, int day, int hour, int minute, int second, int ms) =>
        (new DateTime(year, month, day, hour, minute, second, ms, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;

    private string Zip(string name, string csv)
    {
        string path = Path.Combine(_dir, name);
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry("data.csv").Open());
        writer.Write(csv);
        return path;
    }

    [Fact]
    public void Ibm_trade_ticks_parse_completely_with_edt_timestamps()
    {
        var report = new LeanReadReport();
        List<LeanTradeTick> ticks = LeanDataReader.ReadTradeTicks(SharedData.File("equity-ticks", "tick", "20131007_trade.zip"), Ibm, report).ToList();

        Assert.Equal(0, report.MalformedCount);
        Assert.Equal(report.Rows, ticks.Count);
        Assert.True(ticks.Count > 24_000);
        // First row: 14430270,1815200,283,P,20002020,0 -> 04:00:30.270 New York (EDT, UTC-4) = 08:00:30.270 UTC.
        LeanTradeTick first = ticks[0];
        Assert.Equal(Utc(2013, 10, 7, 8, 0, 30, 270), first.Trade.Header.ExchangeTimeNs);
        Assert.Equal(1815200, first.Trade.Price);
        Assert.Equal(283, first.Trade.Size);
        Assert.Equal('P', first.Exchange);
        Assert.Equal(0x20002020u, first.Trade.Conditions);
        Assert.False(first.Suspicious);
    }

    [Fact]
    public void Ibm_quote_ticks_and_bars_parse_completely()
    {
        var quotes = new LeanReadReport();
        int quoteCount = LeanDataReader.ReadQuoteTicks(SharedData.File("equity-ticks", "tick", "20131007_quote.zip"), Ibm, quotes).Count();
        Assert.Equal(0, quotes.MalformedCount);
        Assert.Equal(quotes.Rows, quoteCount);

        var seconds = new LeanReadReport();
        var bars = LeanDataReader.ReadTradeBars(SharedData.File("equity-ticks", "second", "20131007_trade.zip"), TimeSpan.FromSeconds(1), seconds).ToList();
        Assert.Equal(0, seconds.MalformedCount);
        Assert.All(bars, b => Assert.Equal(1_000_000_000L, b.EndTimeNs - b.StartTimeNs));
        Assert.Equal(Utc(2013, 10, 7, 8, 0, 30, 0), bars[0].StartTimeNs);
    }

    [Fact]
    public void Quote_tick_keeps_lean_zero_for_a_side_not_updated()
    {
        string path = Zip("20131007_quote.zip", "14400241,1800100,300,0,0,P,1,0\n");
        LeanQuoteTick tick = LeanDataReader.ReadQuoteTicks(path, Ibm, new LeanReadReport()).Single();
        Assert.Equal(new Quote(tick.Quote.Header, 1800100, 300, 0, 0), tick.Quote);
        Assert.Equal(1u, tick.Condition);
    }

    [Fact]
    public void Malformed_rows_are_counted_with_line_numbers_and_never_thrown()
    {
        string path = Zip("20131007_trade.zip", string.Join('\n',
            "14430270,1815200,283,P,20002020,0",
            "not-a-time,1815200,283,P,1,0",
            "14430271,18152.00,283,P,1,0",
            "",
            "14430272,1815200,283,PP,1,0",
            "14430273,1815200,283,P,xyz,0",
            "14430274,1815200,283,P,1,7",
            "14430275,1815200,283,P,1,0,extra",
            "99999999,1815200,283,P,1,0",
            "14430276,1815200,1.5E+02,P,1,1"));
        var report = new LeanReadReport();
        List<LeanTradeTick> ticks = LeanDataReader.ReadTradeTicks(path, Ibm, report).ToList();

        Assert.Equal(2, ticks.Count);
        Assert.Equal(150, ticks[1].Trade.Size);
        Assert.True(ticks[1].Suspicious);
        Assert.Equal(9, report.Rows);
        Assert.Equal(7, report.MalformedCount);
        Assert.Equal([2, 3, 5, 6, 7, 8, 9], report.Malformed.Select(m => m.LineNumber));
    }

    [Fact]
    public void A_suspicious_tick_keeps_its_volume_but_not_its_price_as_lean_builds_bars()
    {
        Trade trade = new(new EventHeader(Ibm, 0, 0, 0), 1, 1, Aggressor.Unknown, (uint)UsEquitySaleConditions.Regular);
        Assert.Equal(TradeEligibility.VolumeOnly, new LeanTradeTick(trade, 'P', Suspicious: true).Eligibility(SaleConditionFilter.LeanTradeBars));
        Assert.Equal(TradeEligibility.Counted, new LeanTradeTick(trade, 'P', Suspicious: false).Eligibility(SaleConditionFilter.LeanTradeBars));
        Trade officialOpen = trade with { Conditions = (uint)UsEquitySaleConditions.OfficialOpen };
        Assert.Equal(TradeEligibility.Excluded, new LeanTradeTick(officialOpen, 'P', Suspicious: true).Eligibility(SaleConditionFilter.LeanTradeBars));
    }

    [Fact]
    public void Eastern_time_follows_daylight_saving_rules()
    {
        // Summer (EDT, UTC-4), winter (EST, UTC-5), and the fall-back day 2013-11-03 (EDT until 02:00 local).
        Assert.Equal(Utc(2013, 10, 7, 13, 30, 0, 0), new EasternTime(new DateOnly(2013, 10, 7)).ToUtcNs(34_200_000));
        Assert.Equal(Utc(2013, 12, 2, 14, 30, 0, 0), new EasternTime(new DateOnly(2013, 12, 2)).ToUtcNs(34_200_000));
        var fallBack = new EasternTime(new DateOnly(2013, 11, 3));
        Assert.Equal(Utc(2013, 11, 3, 4, 30, 0, 0), fallBack.ToUtcNs(1_800_000));
        Assert.Equal(Utc(2013, 11, 3, 14, 30, 0, 0), fallBack.ToUtcNs(34_200_000));
    }

    [Fact]
    public void Date_comes_from_the_file_name()
    {
        Assert.Equal(new DateOnly(2013, 10, 7), LeanDataReader.DateFromFileName("/x/20131007_trade.zip"));
        Assert.Throws<ArgumentException>(() => LeanDataReader.DateFromFileName("/x/trade.zip"));
    }
}
