using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Tests.Symbols;

/// <summary>Hand-made events for scenario tests: whole-unit prices (0 decimals), times in milliseconds.</summary>
internal static class TestEvents
{
    public const string Venue = "TEST";

    public static InstrumentId Id(string symbol) => new(Venue, symbol);

    /// <summary>Every symbol of <see cref="Venue"/>, with a <paramref name="book"/> and prices of <paramref name="priceDecimals"/> decimals (tick 1).</summary>
    public static SymbolCatalog Catalog(BookType book, int priceDecimals = 0) =>
        new SymbolCatalog().AddVenue(Venue, id => new SymbolSettings(new Instrument(id, priceDecimals, 1, 0), book));

    public static MarketEvent Trade(InstrumentId id, long ms, long price, long size = 1) =>
        MarketEvent.From(new Trade(Header(id, ms, 0), price, size, Aggressor.Buyer));

    public static MarketEvent Delta(InstrumentId id, long ms, long sequence, Side side, long price, long size,
        DeltaFlags flags = DeltaFlags.LastInBatch) =>
        MarketEvent.From(new BookDelta(Header(id, ms, sequence), side, price, size, BookAction.Add, flags));

    public static MarketEvent Quote(InstrumentId id, long ms, long sequence, long bid, long ask) =>
        MarketEvent.From(new Quote(Header(id, ms, sequence), bid, 10, ask, 10));

    public static EventBatch Batch(params MarketEvent[] events) => new(events, events.Length);

    private static EventHeader Header(InstrumentId id, long ms, long sequence) => new(id, ms * 1_000_000, ms * 1_000_000, sequence);
}
