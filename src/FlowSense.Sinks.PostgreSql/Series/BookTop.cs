using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;
using NpgsqlTypes;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>The top N levels of a book after one update, best first on each side (arrays of equal length per side).</summary>
public sealed record BookTopRow(EventHeader Header, long[] BidPrices, long[] BidSizes, long[] AskPrices, long[] AskSizes);

/// <summary>Book top-N snapshots into table <c>book_top</c>; natural key (venue, symbol, exchange time, sequence).</summary>
public sealed class BookTopTable : ITimeSeriesTable<BookTopRow>
{
    public string Name => "book_top";

    public IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "exchange_time_ns", "sequence", "bid_prices", "bid_sizes", "ask_prices", "ask_sizes"];

    public long TimeNsOf(in BookTopRow row) => row.Header.ExchangeTimeNs;

    public void WriteRow(NpgsqlBinaryImporter importer, in BookTopRow row)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(row);
        importer.Write(row.Header.Instrument.Venue, NpgsqlDbType.Text);
        importer.Write(row.Header.Instrument.Symbol, NpgsqlDbType.Text);
        importer.Write(row.Header.ExchangeTimeNs, NpgsqlDbType.Bigint);
        importer.Write(row.Header.Sequence, NpgsqlDbType.Bigint);
        importer.Write(row.BidPrices, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(row.BidSizes, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(row.AskPrices, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(row.AskSizes, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
    }
}
