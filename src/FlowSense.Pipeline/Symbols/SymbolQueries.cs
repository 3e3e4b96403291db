using FlowSense.Actors.Cluster.Sharding;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.Pipeline.Symbols;

/// <summary>Asks a symbol actor for its book's best <paramref name="Depth"/> levels per side; the answer is a <see cref="BookTop"/>.</summary>
public sealed record GetBook(string EntityId, int Depth = 10) : IEntityMessage;

/// <summary>
/// The best levels of a book, best first. Prices and sizes are fixed-point raw units; divide by
/// 10^<see cref="PriceDecimals"/> (or 10^<see cref="SizeDecimals"/>) to print them, or use <see cref="Instrument"/>.
/// </summary>
public sealed record BookTop(
    Instrument Instrument, BookType BookType, IReadOnlyList<Level> Bids, IReadOnlyList<Level> Asks,
    long Sequence, long LastEventTimeNs, bool IsCrossed, bool ResyncPending)
{
    public int PriceDecimals => Instrument.PriceDecimals;

    public int SizeDecimals => Instrument.SizeDecimals;
}

/// <summary>Asks a symbol actor for its current feature values; the answer is a <see cref="FeatureValues"/>.</summary>
public sealed record GetFeatures(string EntityId) : IEntityMessage;

/// <summary>The current microstructure features of one instrument (raw price units; see <see cref="FeatureSnapshot"/>).</summary>
public sealed record FeatureValues(Instrument Instrument, FeatureSnapshot Features);

/// <summary>Asks a symbol actor for its last <paramref name="Count"/> closed bars per time frame; the answer is a <see cref="RecentBars"/>.</summary>
public sealed record GetBars(string EntityId, int Count = 10) : IEntityMessage;

/// <summary>Closed bars per time frame, oldest first, in the instrument's raw units.</summary>
public sealed record RecentBars(Instrument Instrument, IReadOnlyDictionary<TimeFrame, IReadOnlyList<Bar>> ByTimeFrame);

/// <summary>Asks a symbol actor for its indicator values per time frame; the answer is an <see cref="IndicatorValues"/>.</summary>
public sealed record GetIndicators(string EntityId) : IEntityMessage;

/// <summary>The value of one indicator after the last closed bar (NaN until ready).</summary>
public readonly record struct IndicatorValue(string Name, double Value, bool IsReady, long Samples);

/// <summary>Indicator values per time frame, in the order of the symbol's indicator set.</summary>
public sealed record IndicatorValues(Instrument Instrument, IReadOnlyDictionary<TimeFrame, IReadOnlyList<IndicatorValue>> ByTimeFrame);

/// <summary>
/// Asks a symbol actor where it stands in one input source; the answer is an <see cref="InputPosition"/>. A symbol
/// that is recovering answers once it has recovered, so the answer is the position its snapshot restored.
/// </summary>
public sealed record GetInputPosition(string EntityId, string Source) : IEntityMessage;

/// <summary>The position of the last event of <paramref name="Source"/> the symbol processed (0 before any).</summary>
public sealed record InputPosition(InstrumentId Instrument, string Source, long Position);

/// <summary>Asks a symbol actor for its health counters; the answer is a <see cref="SymbolHealth"/>.</summary>
public sealed record GetSymbolHealth(string EntityId) : IEntityMessage;

/// <summary>
/// What happened to one instrument's events since its symbol actor was first created on this node (counts survive
/// restarts and passivation).
/// </summary>
/// <param name="Applied">Events the state accepted.</param>
/// <param name="Duplicates">Events skipped: sequence at or below the last applied for that kind.</param>
/// <param name="Gaps">Sequence jumps seen (each requests a resync).</param>
/// <param name="Rejected">Events refused by the book or the features, or malformed (wrong instrument, no kind), or refused
/// unseen because the symbol could not recover (<see cref="Failure"/>).</param>
/// <param name="Skipped">Events the symbol's book type does not use (quotes beside an L2/L3 book).</param>
/// <param name="Resyncs">Resync requests published.</param>
/// <param name="Restarts">Times the actor was restarted after a failure.</param>
/// <param name="Quarantined">Events that made the state throw, set aside.</param>
/// <param name="LastEventTimeNs">Exchange time of the last applied event (ns since the epoch; 0 before any).</param>
public sealed record SymbolHealth(
    InstrumentId Instrument, ShardId Shard, long Applied, long Duplicates, long Gaps, long Rejected, long Skipped, long Resyncs,
    long Restarts, long Quarantined, long LastEventTimeNs)
{
    /// <summary>Why the symbol stopped processing (its snapshot cannot be restored, with what to do); null while healthy.</summary>
    public string? Failure { get; init; }

    /// <summary>Times loading its snapshot failed because the store did not answer (retried after a back-off).</summary>
    public long RecoveryRetries { get; init; }
}
