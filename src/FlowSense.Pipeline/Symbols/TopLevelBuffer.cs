using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// Where a book's top N levels are read for the features: bid prices, bid sizes, ask prices and ask sizes, as four
/// columns of one span. The levels are scratch (the features keep what they need), so up to
/// <see cref="StackDepth"/> levels a side they go on the caller's stack (<c>Columns ?? stackalloc long[4 * Depth]</c>):
/// the stack is in cache, while an array per symbol would be one more run of lines to fetch on every visit over a
/// thousand symbols. Deeper reads use an array of the buffer's own. Hold it in a readonly field.
/// </summary>
internal readonly struct TopLevelBuffer
{
    /// <summary>The most levels a side read on the stack (4 KB of columns).</summary>
    public const int StackDepth = 128;

    /// <param name="depth">N, the levels read per side.</param>
    public TopLevelBuffer(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        Depth = depth;
        Columns = depth > StackDepth ? new long[4 * depth] : null;
    }

    /// <summary>N, the levels read per side.</summary>
    public int Depth { get; }

    /// <summary>The columns past <see cref="StackDepth"/> levels; null when the caller reads into its stack.</summary>
    public long[]? Columns { get; }

    /// <summary>Copies the book's top levels into <paramref name="columns"/> (4 × <see cref="Depth"/> longs) and returns a view of them.</summary>
    public LevelView Read(IBookView book, Span<long> columns)
    {
        int depth = Depth;
        Span<long> bidPrices = columns.Slice(0, depth), bidSizes = columns.Slice(depth, depth);
        Span<long> askPrices = columns.Slice(2 * depth, depth), askSizes = columns.Slice(3 * depth, depth);
        int bids = book.TopLevels(Side.Bid, bidPrices, bidSizes);
        int asks = book.TopLevels(Side.Ask, askPrices, askSizes);
        return new LevelView(bidPrices[..bids], bidSizes[..bids], askPrices[..asks], askSizes[..asks]);
    }
}
