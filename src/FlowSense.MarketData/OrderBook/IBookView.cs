using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// The read side of every book (L1, L2, L3): what features, strategies and sinks consume. No member allocates.
/// </summary>
public interface IBookView
{
    /// <summary>The instrument the book is for.</summary>
    InstrumentId Instrument { get; }

    /// <summary>The best bid, or an empty <see cref="Level"/> when the bid side is empty.</summary>
    Level BestBid { get; }

    /// <summary>The best ask, or an empty <see cref="Level"/> when the ask side is empty.</summary>
    Level BestAsk { get; }

    /// <summary>How many price levels the side holds.</summary>
    int LevelCount(Side side);

    /// <summary>The level <paramref name="depth"/> steps from the best (0 = best), or an empty level beyond the last.</summary>
    Level LevelAt(Side side, int depth);

    /// <summary>Copies the best levels of a side into <paramref name="destination"/>, best first; returns how many were written.</summary>
    int TopLevels(Side side, Span<Level> destination);

    /// <summary>
    /// Copies the best levels of a side into parallel price and size spans (the layout vectorised features read),
    /// best first, up to the shorter span's length; returns how many were written.
    /// </summary>
    int TopLevels(Side side, Span<long> prices, Span<long> sizes);

    /// <summary>Increases by at least one every time the book's content changes; compare versions to detect change cheaply.</summary>
    long Version { get; }

    /// <summary>The venue sequence number of the last event accepted (0 if the events carry none).</summary>
    long Sequence { get; }

    /// <summary>The exchange timestamp (ns since the Unix epoch) of the last event accepted.</summary>
    long LastEventTimeNs { get; }

    /// <summary>True when the best bid is strictly above the best ask. Locked (equal) is not crossed.</summary>
    bool IsCrossed { get; }

    /// <summary>True after a sequence gap until a snapshot (or <c>Clear</c>) resynchronises the book.</summary>
    bool ResyncRequired { get; }
}
