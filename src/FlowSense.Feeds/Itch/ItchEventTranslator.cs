using System.Text;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Feeds.Itch;

/// <summary>
/// Turns ITCH 5.0 messages into FlowSense events for an L3 book:
/// <list type="bullet">
/// <item>'R' binds a stock locate to an instrument (venue <see cref="Venue"/>, 4 price decimals, whole shares).</item>
/// <item>'A'/'F' → <see cref="OrderAction.Add"/>; 'X' → <see cref="OrderAction.Cancel"/>; 'D' → <see cref="OrderAction.Delete"/>;
/// 'U' → <see cref="OrderAction.Replace"/> (the side is the original order's, which the book knows).</item>
/// <item>'E'/'C' → <see cref="OrderAction.Execute"/> with the execution price for 'C' and 0 for 'E'. ITCH does not repeat
/// the resting order's side or price on executions, so the print on the tape is derived by the book that holds the order.</item>
/// <item>'P' (executions against hidden orders) and 'Q' (crosses) → <see cref="Trade"/>; for 'P' the aggressor is the
/// side opposite the resting order, a cross has none.</item>
/// <item>'H' → <see cref="StatusEvent"/>.</item>
/// </list>
/// Other types carry no book or tape information and are only counted by the reader. Messages for a locate no 'R'
/// has bound are counted in <see cref="UnknownLocate"/> and skipped. ITCH timestamps are nanoseconds after midnight
/// US Eastern; the translator adds the session's midnight in UTC and, replaying a file, uses that time as the receive
/// time too, unless <see cref="ReceiveTimeNs"/> is set (a load harness stamps the moment of decoding, to measure
/// latency from there). The message's index in the stream is its sequence.
/// </summary>
/// <param name="sink">Receives the events.</param>
/// <param name="sessionMidnightUtcNs">Midnight US Eastern of the session (<see cref="MidnightUtcNs"/>).</param>
public sealed class ItchEventTranslator(IMarketEventSink sink, long sessionMidnightUtcNs) : IItchMessageHandler
{
    public const string Venue = "NASDAQ";
    public const int PriceDecimals = 4;

    // Indexed by stock locate: every order message looks its instrument up, and an array index is the cheapest
    // lookup there is (locates are small, dense integers assigned by the Stock Directory). Grown on demand.
    private InstrumentId[] _byLocate = new InstrumentId[16];

    /// <summary>
    /// The receive time (Unix-epoch nanoseconds) of the events of the messages translated from now on; null (the
    /// default) to use each message's exchange time. A replay under load sets it per chunk of messages.
    /// </summary>
    public long? ReceiveTimeNs { get; set; }

    /// <summary>Messages that named a stock locate before any Stock Directory message bound it.</summary>
    public long UnknownLocate { get; private set; }

    /// <summary>The instruments bound so far, in locate order.</summary>
    public IReadOnlyCollection<InstrumentId> Instruments => [.. _byLocate.Where(i => i.Symbol is not null)];

    /// <summary>Midnight US Eastern of <paramref name="sessionDate"/>, in nanoseconds since the Unix epoch.</summary>
    public static long MidnightUtcNs(DateOnly sessionDate)
    {
        var eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = sessionDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var utc = TimeZoneInfo.ConvertTimeToUtc(local, eastern);
        return (utc - DateTime.UnixEpoch).Ticks * 100;
    }

    public void OnMessage(in ItchMessage message)
    {
        var m = message.Bytes;
        switch (message.Type)
        {
            case ItchMessageType.StockDirectory:
                Bind(new ItchStockDirectory(m));
                break;
            case ItchMessageType.AddOrder or ItchMessageType.AddOrderWithMpid:
                var add = new ItchAddOrder(m);
                if (Header(add.StockLocate, add.Timestamp, message.Index, out var h))
                    sink.OnOrder(new OrderEvent(h, OrderAction.Add, (long)add.OrderReference, SideOf(add.BuySellIndicator), add.Price, add.Shares));
                break;
            case ItchMessageType.OrderExecuted or ItchMessageType.OrderExecutedWithPrice:
                var executed = new ItchOrderExecuted(m);
                if (Header(executed.StockLocate, executed.Timestamp, message.Index, out h))
                    sink.OnOrder(new OrderEvent(h, OrderAction.Execute, (long)executed.OrderReference, default, executed.ExecutionPrice, executed.ExecutedShares));
                break;
            case ItchMessageType.OrderCancel:
                var cancel = new ItchOrderCancel(m);
                if (Header(cancel.StockLocate, cancel.Timestamp, message.Index, out h))
                    sink.OnOrder(new OrderEvent(h, OrderAction.Cancel, (long)cancel.OrderReference, default, 0, cancel.CancelledShares));
                break;
            case ItchMessageType.OrderDelete:
                var delete = new ItchOrderDelete(m);
                if (Header(delete.StockLocate, delete.Timestamp, message.Index, out h))
                    sink.OnOrder(new OrderEvent(h, OrderAction.Delete, (long)delete.OrderReference, default, 0, 0));
                break;
            case ItchMessageType.OrderReplace:
                var replace = new ItchOrderReplace(m);
                if (Header(replace.StockLocate, replace.Timestamp, message.Index, out h))
                    sink.OnOrder(new OrderEvent(h, OrderAction.Replace, (long)replace.OriginalOrderReference, default,
                        replace.Price, replace.Shares, (long)replace.NewOrderReference));
                break;
            case ItchMessageType.Trade:
                var trade = new ItchTrade(m);
                if (Header(trade.StockLocate, trade.Timestamp, message.Index, out h))
                    sink.OnTrade(new Trade(h, trade.Price, trade.Shares,
                        trade.BuySellIndicator == (byte)'B' ? Aggressor.Seller : Aggressor.Buyer));
                break;
            case ItchMessageType.CrossTrade:
                var cross = new ItchCrossTrade(m);
                if (Header(cross.StockLocate, cross.Timestamp, message.Index, out h))
                    sink.OnTrade(new Trade(h, cross.CrossPrice, (long)cross.Shares, Aggressor.Unknown));
                break;
            case ItchMessageType.StockTradingAction:
                var action = new ItchStockTradingAction(m);
                if (Header(action.StockLocate, action.Timestamp, message.Index, out h))
                    sink.OnStatus(new StatusEvent(h, StatusOf(action.TradingState)));
                break;
        }
    }

    private void Bind(in ItchStockDirectory directory)
    {
        ushort locate = directory.StockLocate;
        if (locate >= _byLocate.Length)
            Array.Resize(ref _byLocate, Math.Max(locate + 1, _byLocate.Length * 2));
        _byLocate[locate] = new InstrumentId(Venue, Encoding.ASCII.GetString(directory.Stock));
    }

    private bool Header(ushort locate, long timestampNs, long index, out EventHeader header)
    {
        // An unbound locate holds the default InstrumentId, whose symbol is null.
        if (locate >= _byLocate.Length || _byLocate[locate].Symbol is null)
        {
            UnknownLocate++;
            header = default;
            return false;
        }
        long exchangeTime = sessionMidnightUtcNs + timestampNs;
        header = new EventHeader(_byLocate[locate], exchangeTime, ReceiveTimeNs ?? exchangeTime, index);
        return true;
    }

    private static Side SideOf(byte indicator) => indicator == (byte)'B' ? Side.Bid : Side.Ask;

    private static TradingStatus StatusOf(byte state) => state switch
    {
        (byte)'T' => TradingStatus.Trading,
        (byte)'H' => TradingStatus.Halted,
        _ => TradingStatus.Paused, // 'P' paused, 'Q' quotation only: no continuous trading
    };
}
