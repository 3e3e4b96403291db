using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// The book a venue codec keeps per symbol to check its own work (Kraken's checksum, Binance's top of book), and the
/// place where venue level updates become the normalized <see cref="BookDelta"/> stream. Every delta published to
/// the sink is the very delta applied to the engine's <see cref="L2Book"/> held here, so a downstream book fed from
/// the sink holds exactly this book.
/// </summary>
/// <remarks>
/// The inner book does no sequence checking (the venue's sync state machine owns sequencing) and flags, rather than
/// repairs, a crossed book. Venue semantics it adds: a size of 0 removes a level and is published only if the level
/// existed (Binance documents removals of absent levels as normal), and sides can be trimmed to a subscribed depth.
/// </remarks>
public sealed class VenueBook(InstrumentId instrument)
{
    private readonly L2Book _book = new(instrument, new BookOptions(CrossedBookPolicy.Flag, CheckSequence: false));

    public InstrumentId Instrument => _book.Instrument;

    /// <summary>The engine book, for readers that take an <see cref="IBookView"/>.</summary>
    public IBookView View => _book;

    public Level BestBid => _book.BestBid;

    public Level BestAsk => _book.BestAsk;

    /// <summary>Best bid strictly above best ask. A locked book (equal) is valid.</summary>
    public bool IsCrossed => _book.IsCrossed;

    public int Count(Side side) => _book.LevelCount(side);

    /// <summary>The level <paramref name="depth"/> steps from the best (0 = best), or an empty level beyond the last.</summary>
    public Level LevelAt(Side side, int depth) => _book.LevelAt(side, depth);

    /// <summary>The size resting at <paramref name="price"/>, 0 when there is no level.</summary>
    public long SizeAt(Side side, long price) => _book.SizeAt(side, price);

    /// <summary>
    /// Replaces the book with <paramref name="levels"/> and publishes it as one snapshot batch (every delta flagged
    /// <see cref="DeltaFlags.Snapshot"/>, the last also <see cref="DeltaFlags.LastInBatch"/>; an empty snapshot is one
    /// <see cref="BookAction.Clear"/>). Zero sizes are skipped; the codec has already refused negative ones.
    /// </summary>
    public void LoadSnapshot(ReadOnlySpan<LevelUpdate> levels, in EventHeader header, IMarketEventSink sink)
    {
        // Venues list levels best first; the book keeps the best at the end of its arrays, so going through them
        // backwards appends instead of shifting the whole side once per level.
        int last = 0;
        while (last < levels.Length && levels[last].Size <= 0)
            last++;
        if (last == levels.Length)
        {
            Publish(new BookDelta(header, Side.Bid, 0, 0, BookAction.Clear, DeltaFlags.Snapshot | DeltaFlags.LastInBatch), sink);
            return;
        }
        for (int i = levels.Length - 1; i >= last; i--)
        {
            if (levels[i].Size > 0)
                Publish(new BookDelta(header, levels[i].Side, levels[i].Price, levels[i].Size, BookAction.Add,
                    i == last ? DeltaFlags.Snapshot | DeltaFlags.LastInBatch : DeltaFlags.Snapshot), sink);
        }
    }

    /// <summary>
    /// Applies a venue message's level updates in order, then trims each side to <paramref name="maxDepth"/> levels
    /// (venues such as Kraken stop sending removals for levels that fall out of the subscribed depth), publishing one
    /// delta per change with <see cref="DeltaFlags.LastInBatch"/> on the last. Returns the deltas published.
    /// </summary>
    public int ApplyUpdates(ReadOnlySpan<LevelUpdate> updates, in EventHeader header, IMarketEventSink sink, int maxDepth = int.MaxValue)
    {
        var batch = new DeltaBatch(_book, sink, header);
        foreach (var u in updates)
        {
            if (u.Size > 0)
                batch.Add(u.Side, u.Price, u.Size, BookAction.Add);
            else if (_book.SizeAt(u.Side, u.Price) > 0)
                batch.Add(u.Side, u.Price, 0, BookAction.Delete);
        }
        foreach (var side in (ReadOnlySpan<Side>)[Side.Bid, Side.Ask])
        {
            for (int count = _book.LevelCount(side); count > maxDepth; count--)
                batch.Add(side, _book.LevelAt(side, count - 1).Price, 0, BookAction.Delete);
        }
        return batch.Complete();
    }

    private void Publish(in BookDelta delta, IMarketEventSink sink)
    {
        _book.Apply(delta);
        sink.OnBookDelta(delta);
    }

    /// <summary>
    /// Applies each delta to the book at once (later updates and trimming must see it) but holds back one delta from
    /// the sink, so the last of a message can be flagged <see cref="DeltaFlags.LastInBatch"/> without knowing in advance
    /// which change will be last. (The book checks no sequences, so the batch flag it saw does not matter to it.)
    /// </summary>
    private struct DeltaBatch(L2Book book, IMarketEventSink sink, EventHeader header)
    {
        private BookDelta _pending;
        private int _count;

        public void Add(Side side, long price, long size, BookAction action)
        {
            if (_count++ > 0)
                sink.OnBookDelta(_pending);
            _pending = new BookDelta(header, side, price, size, action, DeltaFlags.None);
            book.Apply(_pending);
        }

        public int Complete()
        {
            if (_count > 0)
                sink.OnBookDelta(_pending with { Flags = DeltaFlags.LastInBatch });
            return _count;
        }
    }
}
