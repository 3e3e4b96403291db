using FlowSense.MarketData.Events;
using Npgsql;
using NpgsqlTypes;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>The leading columns every market-event table shares: venue, symbol, exchange time, sequence, receive time.</summary>
internal static class EventColumns
{
    public static void WriteHeader(NpgsqlBinaryImporter importer, in EventHeader header)
    {
        importer.Write(header.Instrument.Venue, NpgsqlDbType.Text);
        importer.Write(header.Instrument.Symbol, NpgsqlDbType.Text);
        importer.Write(header.ExchangeTimeNs, NpgsqlDbType.Bigint);
        importer.Write(header.Sequence, NpgsqlDbType.Bigint);
        importer.Write(header.ReceiveTimeNs, NpgsqlDbType.Bigint);
    }
}
