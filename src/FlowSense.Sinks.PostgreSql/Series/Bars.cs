using System.Numerics;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;
using NpgsqlTypes;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>A finished bar of an instrument, with the name of its timeframe (<c>1m</c>, <c>tick:100</c>, ...).</summary>
public readonly record struct BarRow(InstrumentId Instrument, string Timeframe, Bar Bar);

/// <summary>Bars into table <c>bars</c>; natural key (venue, symbol, timeframe, start time).</summary>
public sealed class BarsTable : ITimeSeriesTable<BarRow>
{
    public string Name => "bars";

    public IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "timeframe", "start_time_ns", "end_time_ns", "open", "high", "low", "close", "volume", "notional", "trade_count"];

    public long TimeNsOf(in BarRow row) => row.Bar.StartTimeNs;

    public void WriteRow(NpgsqlBinaryImporter importer, in BarRow row)
    {
        ArgumentNullException.ThrowIfNull(importer);
        Bar bar = row.Bar;
        importer.Write(row.Instrument.Venue, NpgsqlDbType.Text);
        importer.Write(row.Instrument.Symbol, NpgsqlDbType.Text);
        importer.Write(row.Timeframe, NpgsqlDbType.Text);
        importer.Write(bar.StartTimeNs, NpgsqlDbType.Bigint);
        importer.Write(bar.EndTimeNs, NpgsqlDbType.Bigint);
        importer.Write(bar.Open, NpgsqlDbType.Bigint);
        importer.Write(bar.High, NpgsqlDbType.Bigint);
        importer.Write(bar.Low, NpgsqlDbType.Bigint);
        importer.Write(bar.Close, NpgsqlDbType.Bigint);
        importer.Write(bar.Volume, NpgsqlDbType.Bigint);
        importer.Write((BigInteger)bar.Notional, NpgsqlDbType.Numeric);
        importer.Write(bar.TradeCount, NpgsqlDbType.Integer);
    }
}
