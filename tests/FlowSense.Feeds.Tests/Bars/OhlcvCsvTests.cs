using System.IO.Compression;
using FlowSense.Feeds.Bars;
using FlowSense.Feeds.Lean;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Bars;

/// <summary>The OHLCV CSV reader on LEAN's own test files (their quirks included), and the bar writer read back by it.</summary>
public class OhlcvCsvTests
{
    private static List<OhlcvRow> ReadAll(string path, out OhlcvCsvReader csv)
    {
        Assert.True(OhlcvCsvReader.TryOpen(path, out OhlcvCsvReader? opened, out string? problem), problem);
        csv = opened!;
        var rows = new List<OhlcvRow>();
        while (csv.TryRead(out OhlcvRow row))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public void Reads_LEANs_ohlcv_file_with_scientific_volumes_and_US_dates()
    {
        List<OhlcvRow> rows = ReadAll(SharedData.File("lean", "spy_ohlcv.txt"), out OhlcvCsvReader csv);
        using (csv)
        {
            Assert.Equal(0, csv.Malformed.Count);
            Assert.True(csv.HasOhlc && csv.HasVolume);
        }
        Assert.Equal(File.ReadLines(SharedData.File("lean", "spy_ohlcv.txt")).Count(l => l.Trim().Length > 0) - 1, rows.Count);
        OhlcvRow first = rows[0];
        Assert.Equal(new DateTime(2013, 2, 22, 0, 0, 0, DateTimeKind.Utc), DateTime.UnixEpoch.AddTicks(first.Bar.TimeNs / 100));
        Assert.Equal((151.16, 151.89, 150.49, 151.89, 1.062926E+08), (first.Bar.Open, first.Bar.High, first.Bar.Low, first.Bar.Close, first.Bar.Volume));
        Assert.Null(first.Symbol);
    }

    [Theory]
    [InlineData("spy_logr14.txt")] // starts with a byte-order mark
    [InlineData("spy_ema.csv")] // Unix seconds, close only, NaN cells in other columns
    [InlineData("spy_with_StochRSI.csv")] // MM/dd/yyyy, close only
    public void Reads_every_row_of_LEANs_other_file_shapes(string file)
    {
        List<OhlcvRow> rows = ReadAll(SharedData.File("lean", file), out OhlcvCsvReader csv);
        bool closeOnly;
        using (csv)
        {
            Assert.Equal(0, csv.Malformed.Count);
            closeOnly = !csv.HasOhlc;
        }
        Assert.Equal(File.ReadLines(SharedData.File("lean", file)).Count(l => l.Trim().Length > 0) - 1, rows.Count);
        Assert.All(rows, r => Assert.True(!closeOnly || r.Bar.Open == r.Bar.Close));
        Assert.All(rows, r => Assert.True(r.Bar.TimeNs > 0));
    }

    [Fact]
    public void Malformed_rows_are_counted_with_line_numbers_and_skipped()
    {
        const string text = "Date,Open,High,Low,Close,Volume\n1/9/2013,1,2,0.5,1.5,100\nyesterday,1,2,0.5,1.5,100\n1/10/2013,1,2,x,1.5,100\n1/11/2013,1,2,0.5,1.5,100\n";
        Assert.True(OhlcvCsvReader.TryOpen(new StringReader(text), out OhlcvCsvReader? csv, out _));
        using (csv)
        {
            int read = 0;
            while (csv!.TryRead(out _))
                read++;
            Assert.Equal(2, read);
            Assert.Equal(2, csv.Malformed.Count);
            Assert.Equal([3L, 4L], csv.Malformed.First.Select(m => m.LineNumber));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Date,Open,High,Low\n1/9/2013,1,2,3\n")]
    public void A_file_without_a_close_column_is_refused_with_the_reason(string text)
    {
        Assert.False(OhlcvCsvReader.TryOpen(new StringReader(text), out _, out string? problem));
        Assert.Contains("Close", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_bars_read_back_with_their_symbol_time_and_values()
    {
        var instrument = new Instrument(new InstrumentId("USA", "IBM"), 4, 100, 0);
        long start = new DateTimeOffset(2013, 10, 7, 13, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var bar = new Bar(start, start + TimeFrame.OneMinute.PeriodNs, 1_862_500, 1_863_900, 1_861_000, 1_863_100, 12_345, (Int128)1_862_600 * 12_345, 37);
        var text = new StringWriter();
        using (var writer = new BarCsvWriter(text))
            writer.Write(instrument, bar);
        Assert.Equal("time,symbol,open,high,low,close,volume,vwap,trades\n2013-10-07T13:30:00Z,IBM,186.25,186.39,186.1,186.31,12345,186.26,37\n", text.ToString());

        Assert.True(OhlcvCsvReader.TryOpen(new StringReader(text.ToString()), out OhlcvCsvReader? csv, out _));
        using (csv)
        {
            Assert.True(csv!.TryRead(out OhlcvRow row));
            Assert.Equal("IBM", row.Symbol);
            Assert.Equal(start, row.Bar.TimeNs);
            Assert.Equal((186.25, 186.39, 186.1, 186.31, 12345.0), (row.Bar.Open, row.Bar.High, row.Bar.Low, row.Bar.Close, row.Bar.Volume));
        }
    }

    [Fact]
    public void LEAN_tick_trades_read_the_same_from_the_zip_and_from_the_CSV_it_holds()
    {
        string zip = SharedData.File("equity-ticks", "tick", "20131007_trade.zip");
        string csvPath = Path.Combine(Path.GetTempPath(), $"flowsense-{Guid.NewGuid():N}", "20131007_ibm_Trade_Tick.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(csvPath)!);
        try
        {
            using (ZipArchive archive = ZipFile.OpenRead(zip))
                archive.Entries.Single(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ExtractToFile(csvPath);
            var ibm = new InstrumentId("USA", "IBM");
            var date = new DateOnly(2013, 10, 7);
            var fromZip = LeanDataReader.ReadTradeTicks(zip, ibm, new LeanReadReport()).ToList();
            var fromCsv = LeanDataReader.ReadTradeTicks(csvPath, ibm, new LeanReadReport(), date).ToList();
            Assert.True(fromZip.Count > 10_000);
            Assert.Equal(fromZip, fromCsv);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(csvPath)!, recursive: true);
        }
    }
}
