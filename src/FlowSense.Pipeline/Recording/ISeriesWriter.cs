using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Recording;

/// <summary>
/// Where symbol actors send the time-series rows their events produce (the node puts PostgreSQL sinks behind it).
/// Called from many actors at once; never blocks.
/// </summary>
/// <remarks>
/// <b>The contract of a <c>TryWrite…</c> call.</b> A row offered is never lost by the call: <c>true</c> means it was
/// taken (or, for a table configured to drop when full, dropped and counted); <c>false</c> means it was kept, in
/// order, but the writer is full, and the caller must offer nothing more until <see cref="WaitToWriteAsync"/>
/// completes. That is the whole back-pressure protocol: a symbol actor withholds its acknowledgements meanwhile, so
/// ingestion stops within its in-flight window and memory stays bounded.
/// </remarks>
public interface ISeriesWriter
{
    /// <summary>Offers an applied trade.</summary>
    bool TryWriteTrade(in Trade trade);

    /// <summary>Offers an applied quote.</summary>
    bool TryWriteQuote(in Quote quote);

    /// <summary>Offers a closed bar of <paramref name="timeFrame"/>.</summary>
    bool TryWriteBar(InstrumentId instrument, TimeFrame timeFrame, in Bar bar);

    /// <summary>Offers a sample of an instrument's features; its <see cref="FeatureSnapshot.TimeNs"/> is the row's time.</summary>
    bool TryWriteFeatures(InstrumentId instrument, in FeatureSnapshot features);

    /// <summary>Offers a sample of a book's top levels after the event of <paramref name="header"/> (the spans are copied).</summary>
    bool TryWriteBookTop(in EventHeader header, in LevelView levels);

    /// <summary>Completes when the rows kept by refused writes have been taken and there is room again.</summary>
    ValueTask WaitToWriteAsync(CancellationToken cancellationToken);

    /// <summary>Completes when every row offered before the call is committed to storage.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
