namespace FlowSense.MarketData.Features;

/// <summary>
/// A read-only view of the top levels of a book as four parallel spans (index 0 is the best level), so depth
/// features can be fed from any book implementation or from plain arrays, such as one LOBSTER orderbook row.
/// The two sides may hold different depths; a level with size 0 is empty.
/// <para>Take it by <c>in</c>. By value, each call copies its 64 bytes, reading the spans' 4-byte lengths just written
/// back as 8-byte words, which the processor cannot forward from its store buffer: in instruction-level profiles of
/// the load harness that copy into <c>OnLevels</c> took 8 ns an event at full speed and 14 paced.</para>
/// </summary>
public readonly ref struct LevelView
{
    /// <summary>Wraps the spans without copying.</summary>
    /// <exception cref="ArgumentException">A side's price and size spans differ in length (a programming error, not bad data).</exception>
    public LevelView(ReadOnlySpan<long> bidPrices, ReadOnlySpan<long> bidSizes, ReadOnlySpan<long> askPrices, ReadOnlySpan<long> askSizes)
    {
        if (bidPrices.Length != bidSizes.Length)
            throw new ArgumentException("Bid prices and sizes must have the same length.", nameof(bidSizes));
        if (askPrices.Length != askSizes.Length)
            throw new ArgumentException("Ask prices and sizes must have the same length.", nameof(askSizes));
        BidPrices = bidPrices;
        BidSizes = bidSizes;
        AskPrices = askPrices;
        AskSizes = askSizes;
    }

    public ReadOnlySpan<long> BidPrices { get; }

    public ReadOnlySpan<long> BidSizes { get; }

    public ReadOnlySpan<long> AskPrices { get; }

    public ReadOnlySpan<long> AskSizes { get; }

    /// <summary>How many bid levels the view holds.</summary>
    public int BidDepth => BidPrices.Length;

    /// <summary>How many ask levels the view holds.</summary>
    public int AskDepth => AskPrices.Length;

    /// <summary>The best bid and ask, each empty (price 0, size 0) when its side holds no level.</summary>
    public TopOfBook Best => new(
        BidDepth > 0 ? BidPrices[0] : 0, BidDepth > 0 ? BidSizes[0] : 0,
        AskDepth > 0 ? AskPrices[0] : 0, AskDepth > 0 ? AskSizes[0] : 0);
}
