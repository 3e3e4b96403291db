using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.Sinks.PostgreSql.BinaryCopy;
using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>A finished bar of an instrument, with the name of its timeframe (<c>1m</c>, <c>tick:100</c>, ...).</summary>
public readonly record struct BarRow(InstrumentId Instrument, string Timeframe, Bar Bar);

/// <summary>Bars into table <c>bars</c>; natural key (venue, symbol, timeframe, start time): one series per timeframe.</summary>
public sealed class BarsTable : ITimeSeriesTable<BarRow>
{
    public string Name => "bars";

    public IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "timeframe", "start_time_ns", "end_time_ns", "open", "high", "low", "close", "volume", "notional", "trade_count"];

    public IReadOnlyList<string> KeyColumns { get; } = ["venue", "symbol", "timeframe", "start_time_ns"];

    public string TimeColumn => "start_time_ns";

    public SeriesKey SeriesOf(in BarRow row) => new(row.Instrument, row.Timeframe);

    public SeriesPosition PositionOf(in BarRow row) => new(row.Bar.StartTimeNs, 0);

    public void WriteRow(CopyRowWriter writer, in BarRow row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Bar bar = row.Bar;
        writer.WriteText(row.Instrument.Venue);
        writer.WriteText(row.Instrument.Symbol);
        writer.WriteText(row.Timeframe);
        writer.WriteInt64(bar.StartTimeNs);
        writer.WriteInt64(bar.EndTimeNs);
        writer.WriteInt64(bar.Open);
        writer.WriteInt64(bar.High);
        writer.WriteInt64(bar.Low);
        writer.WriteInt64(bar.Close);
        writer.WriteInt64(bar.Volume);
        writer.WriteNumeric(bar.Notional);
        writer.WriteInt32(bar.TradeCount);
    }
}
