using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.BinaryCopy;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>Top-of-book quotes into table <c>quotes</c>; natural key (venue, symbol, exchange time, sequence).</summary>
public sealed class QuotesTable : MarketEventTable<Quote>
{
    public override string Name => "quotes";

    public override IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "exchange_time_ns", "sequence", "receive_time_ns", "bid_price", "bid_size", "ask_price", "ask_size"];

    public override void WriteRow(CopyRowWriter writer, in Quote row)
    {
        WriteHeader(writer, row.Header);
        writer.WriteInt64(row.BidPrice);
        writer.WriteInt64(row.BidSize);
        writer.WriteInt64(row.AskPrice);
        writer.WriteInt64(row.AskSize);
    }

    protected override EventHeader HeaderOf(in Quote row) => row.Header;
}
