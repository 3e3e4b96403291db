using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Tests.OrderBook;

/// <summary>Short constructors for the events the book tests feed.</summary>
internal static class BookEvents
{
    public static readonly InstrumentId Instrument = new("TEST", "XYZ");

    public static EventHeader Header(long sequence = 0) => new(Instrument, sequence, sequence, sequence);

    public static BookDelta Delta(Side side, long price, long size, BookAction action = BookAction.Add, long sequence = 0,
        DeltaFlags flags = DeltaFlags.LastInBatch) => new(Header(sequence), side, price, size, action, flags);

    public static OrderEvent Add(long id, Side side, long price, long size, long sequence = 0) =>
        new(Header(sequence), OrderAction.Add, id, side, price, size);

    public static OrderEvent Cancel(long id, long size, Side side = Side.Bid, long price = 0) =>
        new(Header(), OrderAction.Cancel, id, side, price, size);

    public static OrderEvent Execute(long id, long size, Side side = Side.Bid, long price = 0) =>
        new(Header(), OrderAction.Execute, id, side, price, size);

    public static OrderEvent Delete(long id, Side side = Side.Bid, long price = 0, long size = 0) =>
        new(Header(), OrderAction.Delete, id, side, price, size);

    public static OrderEvent Replace(long id, long newId, long price, long size) =>
        new(Header(), OrderAction.Replace, id, Side.Bid, price, size, newId);
}
