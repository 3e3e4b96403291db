using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;
using NpgsqlTypes;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>Trades into table <c>trades</c>; natural key (venue, symbol, exchange time, sequence).</summary>
public sealed class TradesTable : ITimeSeriesTable<Trade>
{
    public string Name => "trades";

    public IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "exchange_time_ns", "sequence", "receive_time_ns", "price", "size", "aggressor", "conditions", "trade_id"];

    public long TimeNsOf(in Trade row) => row.Header.ExchangeTimeNs;

    public void WriteRow(NpgsqlBinaryImporter importer, in Trade row)
    {
        ArgumentNullException.ThrowIfNull(importer);
        EventColumns.WriteHeader(importer, row.Header);
        importer.Write(row.Price, NpgsqlDbType.Bigint);
        importer.Write(row.Size, NpgsqlDbType.Bigint);
        importer.Write((short)row.Aggressor, NpgsqlDbType.Smallint);
        importer.Write((long)row.Conditions, NpgsqlDbType.Bigint);
        if (row.TradeId is null)
            importer.WriteNull();
        else
            importer.Write(row.TradeId, NpgsqlDbType.Text);
    }
}
