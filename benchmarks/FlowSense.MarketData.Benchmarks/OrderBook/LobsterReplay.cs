using FlowSense.Feeds.Lobster;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;
using FlowSense.Testing;

namespace FlowSense.MarketData.Benchmarks.OrderBook;

/// <summary>
/// The LOBSTER AAPL sample, pre-parsed for the book benchmarks: the first orderbook row (the seed) and the book
/// events that follow, renumbered with contiguous sequence numbers so the books' gap checks stay on and quiet.
/// </summary>
internal sealed class LobsterReplay
{
    /// <summary>Book events (types 1–4) after the first row (938 in the file, less row 1, which is in the seed); benchmarks divide their time by it.</summary>
    public const int BookEventCount = 937;

    private const string Prefix = "AAPL_2012-06-21_34200000_57600000_";

    private LobsterReplay(Level[] seedBids, Level[] seedAsks, OrderEvent[] orders, BookDelta[] deltas)
    {
        SeedBids = seedBids;
        SeedAsks = seedAsks;
        Orders = orders;
        Deltas = deltas;
    }

    public Level[] SeedBids { get; }

    public Level[] SeedAsks { get; }

    /// <summary>The L3 events (types 1–4) in file order.</summary>
    public OrderEvent[] Orders { get; }

    /// <summary>The L2 deltas the same replay produces: the new size of the level each event touched.</summary>
    public BookDelta[] Deltas { get; }

    public static LobsterReplay Load()
    {
        var session = new LobsterSession(new InstrumentId("NASDAQ", "AAPL"), new DateOnly(2012, 6, 21));
        Level[] bids, asks;
        using (var books = LobsterBookReader.Open(SharedData.File("lobster", Prefix + "orderbook_10.csv")))
        {
            if (!books.TryRead())
                throw new InvalidDataException("the LOBSTER sample orderbook file is empty");
            (bids, asks) = (books.Bids.ToArray(), books.Asks.ToArray());
        }

        var orders = new List<OrderEvent>();
        using (var messages = LobsterMessageReader.Open(SharedData.File("lobster", Prefix + "message_10.csv")))
        {
            messages.TryRead(out _); // row 1 is already in the seed
            while (messages.TryRead(out LobsterMessage message))
            {
                if (session.TryMapOrder(message, out OrderEvent order))
                    orders.Add(order with { Header = order.Header with { Sequence = orders.Count + 2 } });
            }
        }

        if (orders.Count != BookEventCount)
            throw new InvalidDataException($"expected {BookEventCount} book events in the LOBSTER sample, found {orders.Count}");

        // Derive the L2 stream by replaying once through an L3 book and reading back each touched level.
        var book = new L3Book(session.Instrument);
        book.LoadSnapshot(bids, asks, sequence: 1);
        var deltas = new BookDelta[orders.Count];
        for (int i = 0; i < orders.Count; i++)
        {
            OrderEvent e = orders[i];
            Side side = e.Side;
            if (book.TryGetOrder(e.OrderId, out RestingOrder resting))
                side = resting.Side;
            book.Apply(e);
            long size = book.SizeAt(side, e.Price);
            deltas[i] = new BookDelta(e.Header, side, e.Price, size, size > 0 ? BookAction.Add : BookAction.Delete);
        }
        return new LobsterReplay(bids, asks, [.. orders], deltas);
    }
}
