using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Pipeline.Symbols;

/// <summary>Everything a symbol actor needs to know about its instrument and how to process it.</summary>
/// <param name="Instrument">Venue, symbol and fixed-point scales (prices in books and bars are raw units of these).</param>
/// <param name="BookType">The book kept for it.</param>
public sealed record SymbolSettings(Instrument Instrument, BookType BookType)
{
    /// <summary>
    /// How the book checks input. Sequence checking belongs to the symbol actor (per event kind, see
    /// <see cref="SequenceScope"/>), so the default leaves the book's own check off.
    /// </summary>
    public BookOptions BookOptions { get; init; } = new(CheckSequence: false);

    public SequenceScope SequenceScope { get; init; } = SequenceScope.PerInstrument;

    /// <summary>Bar time frames; every one a multiple of the shortest. Default 1s and 1m.</summary>
    public IReadOnlyList<TimeFrame> BarTimeFrames { get; init; } = [TimeFrame.OneSecond, TimeFrame.OneMinute];

    /// <summary>Which trades bars leave out, by sale condition.</summary>
    public SaleConditionFilter SaleConditions { get; init; } = SaleConditionFilter.None;

    public MicrostructureFeaturesOptions Features { get; init; } = new();

    /// <summary>Closed bars kept per time frame for queries (the last K).</summary>
    public int BarHistory { get; init; } = 120;

    /// <summary>The indicators computed on every closed bar of every time frame.</summary>
    public IReadOnlyList<IndicatorSpec> Indicators { get; init; } = IndicatorSpec.Standard;

    /// <summary>Levels per side fed to the depth features (multi-level OFI, depth imbalance) from L2/L3 books.</summary>
    public int FeatureDepth => Features.Levels;
}
