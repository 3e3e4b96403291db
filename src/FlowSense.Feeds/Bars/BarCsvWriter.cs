using System.Globalization;
using FlowSense.Feeds.Venues;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Bars;

/// <summary>
/// Writes built bars as CSV, <c>time,symbol,open,high,low,close,volume,vwap,trades</c>: the time is the bar's start in
/// ISO 8601 UTC, prices and volume are the exact decimal text of the fixed-point values (shortest form), VWAP is in
/// price units. <see cref="OhlcvCsvReader"/> reads these files back.
/// </summary>
public sealed class BarCsvWriter : IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "time,symbol,open,high,low,close,volume,vwap,trades";

    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/> (disposed with this writer), header first.</summary>
    public BarCsvWriter(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _writer.Write(Header);
        _writer.Write('\n');
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public static BarCsvWriter Create(string path) =>
        new(new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16));

    /// <summary>Bars written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one bar of <paramref name="instrument"/> (whose decimals give the bar's raw units their meaning).</summary>
    public void Write(Instrument instrument, in Bar bar)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        int p = instrument.PriceDecimals;
        string vwap = bar.Volume == 0 ? string.Empty
            : (bar.Vwap / FixedPoint.Pow10Double(p)).ToString("R", CultureInfo.InvariantCulture);
        _writer.Write(string.Join(',',
            IsoTime(bar.StartTimeNs),
            instrument.Id.Symbol,
            DecimalText.Format(bar.Open, p, 0),
            DecimalText.Format(bar.High, p, 0),
            DecimalText.Format(bar.Low, p, 0),
            DecimalText.Format(bar.Close, p, 0),
            DecimalText.Format(bar.Volume, instrument.SizeDecimals, 0),
            vwap,
            bar.TradeCount.ToString(CultureInfo.InvariantCulture)));
        _writer.Write('\n');
        Rows++;
    }

    /// <summary>Unix-epoch nanoseconds as ISO 8601 UTC, with as many fractional digits as needed (none on whole seconds).</summary>
    public static string IsoTime(long unixNs) =>
        DateTime.UnixEpoch.AddTicks(unixNs / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
