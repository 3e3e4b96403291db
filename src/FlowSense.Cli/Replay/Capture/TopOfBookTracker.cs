using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Cli.Replay.Capture;

/// <summary>
/// Keeps one engine <see cref="L2Book"/> per instrument from a codec's normalized delta stream (exactly what a symbol
/// actor downstream of the codec would hold) and reports each completed book event: a delta flagged
/// <see cref="DeltaFlags.LastInBatch"/> ends one venue message's changes (or one snapshot).
/// </summary>
internal sealed class TopOfBookTracker : SelectiveSink
{
    private static readonly BookOptions Options = new(CrossedBookPolicy.Flag, CheckSequence: false); // the venue's sync owns sequencing
    private readonly Dictionary<InstrumentId, L2Book> _books = [];

    /// <summary>Raised after the last delta of a book event has been applied, with that delta's header.</summary>
    public event Action<L2Book, EventHeader>? BookEvent;

    public IReadOnlyCollection<L2Book> Books => _books.Values;

    public override void OnBookDelta(in BookDelta delta)
    {
        if (!_books.TryGetValue(delta.Header.Instrument, out L2Book? book))
            _books[delta.Header.Instrument] = book = new L2Book(delta.Header.Instrument, Options);
        book.Apply(delta);
        if ((delta.Flags & DeltaFlags.LastInBatch) != 0)
            BookEvent?.Invoke(book, delta.Header);
    }
}
