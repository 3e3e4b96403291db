using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Lobster;

/// <summary>
/// Turns LOBSTER rows for one instrument and trading day into FlowSense events: fixed-point prices with 4 decimals
/// (LOBSTER's dollars × 10000 are already raw units), Unix-epoch nanosecond timestamps, and the row's line number as
/// the sequence number (LOBSTER has none of its own, and line numbers are contiguous, so gaps stay detectable).
/// </summary>
/// <remarks>
/// Mapping, per the LOBSTER data structure documentation (https://lobsterdata.com/info/DataStructure.php):
/// <list type="bullet">
/// <item>1 → <see cref="OrderAction.Add"/>; 2 → <see cref="OrderAction.Cancel"/> (partial, by Size);
/// 3 → <see cref="OrderAction.Delete"/> (Size keeps the deleted remainder, which lets an L3 book attribute the
/// deletion of an order it never saw to seeded liquidity).</item>
/// <item>4 → <see cref="OrderAction.Execute"/> and a <see cref="Trade"/>; 5 → a <see cref="Trade"/> only (hidden
/// liquidity, the visible book is unchanged). The aggressor is the side opposite the resting order's direction:
/// "execution of a sell (buy) limit order corresponds to a buyer (seller) initiated trade". LOBSTER notes that
/// NASDAQ masks the side of hidden orders as buy, so for type 5 the aggressor is only as good as that field.</item>
/// <item>6 → a <see cref="Trade"/> with an unknown aggressor (an auction cross aggregates both sides).</item>
/// <item>7 → a <see cref="StatusEvent"/>: price -1 <see cref="TradingStatus.Halted"/>, 0
/// <see cref="TradingStatus.Paused"/> (quoting resumed, no trading yet), 1 <see cref="TradingStatus.Trading"/>.</item>
/// </list>
/// Times are seconds after midnight in the exchange's local time; the session converts with the exchange time zone's
/// offset at that midnight (trading hours never span a daylight-saving switch, which happens at 02:00).
/// </remarks>
public sealed class LobsterSession
{
    /// <summary>LOBSTER prices are dollars × 10000.</summary>
    public const int PriceDecimals = 4;

    private readonly long _midnightUtcNs;

    /// <summary>Creates a session for one instrument's trading day.</summary>
    /// <param name="instrument">The instrument the file is for (for example <c>NASDAQ:AAPL</c>).</param>
    /// <param name="tradingDay">The day the file covers (its name carries it: <see cref="LobsterFileName"/>).</param>
    /// <param name="exchangeTimeZone">The exchange's time zone; US Eastern (America/New_York) when null.</param>
    public LobsterSession(InstrumentId instrument, DateOnly tradingDay, TimeZoneInfo? exchangeTimeZone = null)
    {
        Instrument = instrument;
        TradingDay = tradingDay;
        TimeZoneInfo zone = exchangeTimeZone ?? TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var localMidnight = tradingDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        TimeSpan offset = zone.GetUtcOffset(localMidnight);
        _midnightUtcNs = (new DateTimeOffset(localMidnight, offset).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
    }

    /// <summary>The instrument every event is stamped with.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The trading day.</summary>
    public DateOnly TradingDay { get; }

    /// <summary>The static facts LOBSTER implies for an equity: 4 price decimals, a one-cent tick, whole shares.</summary>
    public Instrument InstrumentFacts => new(Instrument, PriceDecimals, TickSize: 100, SizeDecimals: 0);

    /// <summary>Unix-epoch nanoseconds for LOBSTER's nanoseconds after (local) midnight.</summary>
    public long ToUnixNs(long timeAfterMidnightNs) => _midnightUtcNs + timeAfterMidnightNs;

    /// <summary>The header for a row: exchange and receive time are the same (LOBSTER has one timestamp).</summary>
    public EventHeader Header(in LobsterMessage message)
    {
        long time = ToUnixNs(message.TimeNs);
        return new EventHeader(Instrument, time, time, message.LineNumber);
    }

    /// <summary>Maps one row to its events (see the remarks for the rules).</summary>
    public LobsterEvents Map(in LobsterMessage m)
    {
        EventHeader header = Header(m);
        OrderEvent? order = TryGetAction(m.Type, out OrderAction action) ? Order(header, action, m) : null;
        Aggressor aggressor = m.Direction == Side.Bid ? Aggressor.Seller : Aggressor.Buyer;
        Trade? trade = m.Type switch
        {
            LobsterMessageType.VisibleExecution or LobsterMessageType.HiddenExecution => new Trade(header, m.Price, m.Size, aggressor),
            LobsterMessageType.CrossTrade => new Trade(header, m.Price, m.Size, Aggressor.Unknown),
            _ => null,
        };
        StatusEvent? status = m.Type != LobsterMessageType.TradingHalt ? null : new StatusEvent(header, m.Price switch
        {
            -1 => TradingStatus.Halted,
            0 => TradingStatus.Paused,
            _ => TradingStatus.Trading,
        });
        return new LobsterEvents(order, trade, status);
    }

    /// <summary>The L3 event of a row, or false for rows that do not touch the visible book (types 5–7).</summary>
    public bool TryMapOrder(in LobsterMessage m, out OrderEvent order)
    {
        bool touchesBook = TryGetAction(m.Type, out OrderAction action);
        order = touchesBook ? Order(Header(m), action, m) : default;
        return touchesBook;
    }

    /// <summary>
    /// Applies a row to an L3 book: its order event, or, for rows that leave the visible book alone (types 5–7),
    /// just its sequence number (<see cref="LevelBook.Skip"/>), so that the book's gap detection sees a contiguous stream.
    /// </summary>
    public ApplyResult ApplyTo(L3Book book, in LobsterMessage m) =>
        TryMapOrder(m, out OrderEvent order) ? book.Apply(order) : book.Skip(Header(m));

    private static bool TryGetAction(LobsterMessageType type, out OrderAction action)
    {
        action = type switch
        {
            LobsterMessageType.Submission => OrderAction.Add,
            LobsterMessageType.Cancellation => OrderAction.Cancel,
            LobsterMessageType.Deletion => OrderAction.Delete,
            LobsterMessageType.VisibleExecution => OrderAction.Execute,
            _ => 0,
        };
        return action != 0;
    }

    private static OrderEvent Order(in EventHeader header, OrderAction action, in LobsterMessage m) =>
        new(header, action, m.OrderId, m.Direction, m.Price, m.Size);
}
