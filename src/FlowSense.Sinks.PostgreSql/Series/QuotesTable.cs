using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;
using NpgsqlTypes;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>Top-of-book quotes into table <c>quotes</c>; natural key (venue, symbol, exchange time, sequence).</summary>
public sealed class QuotesTable : ITimeSeriesTable<Quote>
{
    public string Name => "quotes";

    public IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "exchange_time_ns", "sequence", "receive_time_ns", "bid_price", "bid_size", "ask_price", "ask_size"];

    public long TimeNsOf(in Quote row) => row.Header.ExchangeTimeNs;

    public void WriteRow(NpgsqlBinaryImporter importer, in Quote row)
    {
        ArgumentNullException.ThrowIfNull(importer);
        EventColumns.WriteHeader(importer, row.Header);
        importer.Write(row.BidPrice, NpgsqlDbType.Bigint);
        importer.Write(row.BidSize, NpgsqlDbType.Bigint);
        importer.Write(row.AskPrice, NpgsqlDbType.Bigint);
        importer.Write(row.AskSize, NpgsqlDbType.Bigint);
    }
}
