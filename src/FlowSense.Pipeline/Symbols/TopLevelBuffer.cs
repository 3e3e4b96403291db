using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Room for a book's top N levels as the features read them: bid prices, bid sizes, ask prices and ask sizes, as four
/// columns of one array. One array rather than four means one allocation and, when the symbol's state is out of
/// cache (as it is on most events under load), one run of cache lines instead of four arrays' headers and data.
/// Hold it in a readonly field; it is a thin wrapper over the array.
/// </summary>
internal readonly struct TopLevelBuffer
{
    private readonly long[] _columns;

    /// <param name="depth">N, the levels read per side.</param>
    public TopLevelBuffer(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        Depth = depth;
        _columns = new long[4 * depth];
    }

    /// <summary>N, the levels read per side.</summary>
    public int Depth { get; }

    /// <summary>Copies the book's top levels in and returns a view of them, valid until the next call.</summary>
    public LevelView Read(IBookView book)
    {
        Span<long> columns = _columns;
        int depth = Depth;
        Span<long> bidPrices = columns.Slice(0, depth), bidSizes = columns.Slice(depth, depth);
        Span<long> askPrices = columns.Slice(2 * depth, depth), askSizes = columns.Slice(3 * depth, depth);
        int bids = book.TopLevels(Side.Bid, bidPrices, bidSizes);
        int asks = book.TopLevels(Side.Ask, askPrices, askSizes);
        return new LevelView(bidPrices[..bids], bidSizes[..bids], askPrices[..asks], askSizes[..asks]);
    }
}
