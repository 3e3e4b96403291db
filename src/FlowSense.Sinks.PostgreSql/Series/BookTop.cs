using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.BinaryCopy;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>The top N levels of a book after one update, best first on each side (arrays of equal length per side).</summary>
public sealed record BookTopRow(EventHeader Header, long[] BidPrices, long[] BidSizes, long[] AskPrices, long[] AskSizes);

/// <summary>Book top-N snapshots into table <c>book_top</c>; natural key (venue, symbol, exchange time, sequence).</summary>
public sealed class BookTopTable : MarketEventTable<BookTopRow>
{
    public override string Name => "book_top";

    public override IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "exchange_time_ns", "sequence", "bid_prices", "bid_sizes", "ask_prices", "ask_sizes"];

    public override void WriteRow(CopyRowWriter writer, in BookTopRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        WriteKey(writer, row.Header);
        writer.WriteInt64Array(row.BidPrices);
        writer.WriteInt64Array(row.BidSizes);
        writer.WriteInt64Array(row.AskPrices);
        writer.WriteInt64Array(row.AskSizes);
    }

    protected override EventHeader HeaderOf(in BookTopRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Header;
    }
}
