using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Itch;

/// <summary>
/// Completes the ITCH trade tape. ITCH reports executions against displayed orders ('E', 'C') by order reference only,
/// without side or (for 'E') price, so <see cref="ItchEventTranslator"/> passes them on as order events; this sink keeps
/// an L3 book per stock to look the resting order up and publishes a <see cref="Trade"/> for each execution (the order's
/// price, or the execution price of a 'C'; the aggressor opposite the resting side) before forwarding every event.
/// Executions of orders it never saw are counted in <see cref="UnmatchedExecutions"/>. Downstream sinks see each order
/// event after the stock's <see cref="Book"/> has applied it.
/// </summary>
public sealed class ItchTape(IMarketEventSink sink) : IMarketEventSink
{
    private static readonly BookOptions Options = new(CrossedBookPolicy.Flag, CheckSequence: false); // one stream numbers all stocks
    private readonly Dictionary<InstrumentId, L3Book> _books = [];

    /// <summary>Executions whose order was not in the book (added before the file began).</summary>
    public long UnmatchedExecutions { get; private set; }

    /// <summary>Order events a book refused (an unknown order, an overfill): counted by the book, passed on all the same.</summary>
    public long Refused { get; private set; }

    /// <summary>The stock's book, or null before its first order event.</summary>
    public L3Book? Book(InstrumentId instrument) => _books.GetValueOrDefault(instrument);

    public void OnOrder(in OrderEvent order)
    {
        if (!_books.TryGetValue(order.Header.Instrument, out L3Book? book))
            _books[order.Header.Instrument] = book = new L3Book(order.Header.Instrument, Options);
        if (order.Action == OrderAction.Execute)
        {
            if (book.TryGetOrder(order.OrderId, out RestingOrder resting))
                sink.OnTrade(new Trade(order.Header, order.Price != 0 ? order.Price : resting.Price, order.Size,
                    resting.Side == Side.Bid ? Aggressor.Seller : Aggressor.Buyer));
            else
                UnmatchedExecutions++;
        }
        if (!book.Apply(order).IsApplied())
            Refused++;
        sink.OnOrder(order);
    }

    public void OnTrade(in Trade trade) => sink.OnTrade(trade);

    public void OnQuote(in Quote quote) => sink.OnQuote(quote);

    public void OnBookDelta(in BookDelta delta) => sink.OnBookDelta(delta);

    public void OnStatus(in StatusEvent status) => sink.OnStatus(status);
}
