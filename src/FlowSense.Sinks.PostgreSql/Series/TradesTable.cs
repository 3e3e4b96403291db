using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.BinaryCopy;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>Trades into table <c>trades</c>; natural key (venue, symbol, exchange time, sequence).</summary>
public sealed class TradesTable : MarketEventTable<Trade>
{
    public override string Name => "trades";

    public override IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "exchange_time_ns", "sequence", "receive_time_ns", "price", "size", "aggressor", "conditions", "trade_id"];

    public override void WriteRow(CopyRowWriter writer, in Trade row)
    {
        WriteHeader(writer, row.Header);
        writer.WriteInt64(row.Price);
        writer.WriteInt64(row.Size);
        writer.WriteInt16((short)row.Aggressor);
        writer.WriteInt64(row.Conditions);
        writer.WriteText(row.TradeId);
    }

    protected override EventHeader HeaderOf(in Trade row) => row.Header;
}
