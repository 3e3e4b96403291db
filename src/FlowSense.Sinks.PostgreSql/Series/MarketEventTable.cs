using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.BinaryCopy;
using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>
/// A table of market events (trades, quotes, book tops): one series per instrument, natural key (venue, symbol,
/// exchange time, sequence), and those columns first in every row.
/// </summary>
/// <typeparam name="TRow">The event type.</typeparam>
public abstract class MarketEventTable<TRow> : ITimeSeriesTable<TRow>
{
    private static readonly IReadOnlyList<string> Key = ["venue", "symbol", "exchange_time_ns", "sequence"];

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<string> Columns { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> KeyColumns => Key;

    /// <inheritdoc />
    public string TimeColumn => "exchange_time_ns";

    /// <inheritdoc />
    public SeriesKey SeriesOf(in TRow row) => new(HeaderOf(row).Instrument);

    /// <inheritdoc />
    public SeriesPosition PositionOf(in TRow row)
    {
        EventHeader header = HeaderOf(row);
        return new SeriesPosition(header.ExchangeTimeNs, header.Sequence);
    }

    /// <inheritdoc />
    public abstract void WriteRow(CopyRowWriter writer, in TRow row);

    /// <summary>The event's header.</summary>
    protected abstract EventHeader HeaderOf(in TRow row);

    /// <summary>Writes venue, symbol, exchange_time_ns, sequence.</summary>
    protected static void WriteKey(CopyRowWriter writer, in EventHeader header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteText(header.Instrument.Venue);
        writer.WriteText(header.Instrument.Symbol);
        writer.WriteInt64(header.ExchangeTimeNs);
        writer.WriteInt64(header.Sequence);
    }

    /// <summary>Writes venue, symbol, exchange_time_ns, sequence, receive_time_ns.</summary>
    protected static void WriteHeader(CopyRowWriter writer, in EventHeader header)
    {
        WriteKey(writer, header);
        writer.WriteInt64(header.ReceiveTimeNs);
    }
}
