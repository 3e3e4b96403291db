using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Tests.Connectors;

/// <summary>A downstream consumer of a connector: it rebuilds each instrument's book from the published deltas alone.</summary>
internal sealed class BookCollector : IMarketEventSink
{
    private readonly Dictionary<InstrumentId, L2Book> _books = [];
    private readonly Lock _gate = new();

    public long Deltas { get; private set; }

    public void OnBookDelta(in BookDelta delta)
    {
        lock (_gate)
        {
            if (!_books.TryGetValue(delta.Header.Instrument, out var book))
                _books[delta.Header.Instrument] = book = new L2Book(delta.Header.Instrument, new BookOptions(CrossedBookPolicy.Flag, CheckSequence: false));
            book.Apply(delta);
            Deltas++;
        }
    }

    /// <summary>The book's levels, best first, as (side, price, size) lines; empty when the instrument is unknown.</summary>
    public IReadOnlyList<(Side Side, long Price, long Size)> Levels(InstrumentId instrument)
    {
        lock (_gate)
            return _books.TryGetValue(instrument, out var book) ? BookLevels.Of(book) : [];
    }

    public void OnTrade(in Trade trade) { }
    public void OnQuote(in Quote quote) { }
    public void OnOrder(in OrderEvent order) { }
    public void OnStatus(in StatusEvent status) { }
}

internal static class BookLevels
{
    public static IReadOnlyList<(Side Side, long Price, long Size)> Of(IBookView book) =>
    [
        .. Enumerable.Range(0, book.LevelCount(Side.Bid)).Select(i => (Side.Bid, book.LevelAt(Side.Bid, i).Price, book.LevelAt(Side.Bid, i).Size)),
        .. Enumerable.Range(0, book.LevelCount(Side.Ask)).Select(i => (Side.Ask, book.LevelAt(Side.Ask, i).Price, book.LevelAt(Side.Ask, i).Size)),
    ];
}
