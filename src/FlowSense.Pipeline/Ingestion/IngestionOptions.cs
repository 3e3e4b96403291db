using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>How an ingestion run delivers batches into the symbol actors.</summary>
public sealed record IngestionOptions
{
    /// <summary>The source's name in counters and logs (for example <c>lobster:AAPL</c>).</summary>
    public string Name { get; init; } = "source";

    /// <summary>The default of <see cref="MaxBatchesInFlight"/>: what a full-speed replay needs to keep two cores busy.</summary>
    public const int DefaultMaxBatchesInFlight = 8;

    /// <summary>
    /// Source batches delivered but not yet fully acknowledged, at most. Each holds one reusable buffer, so this bounds
    /// the run's memory (this many batches of events) and how far the source runs ahead of the slowest symbol. Under
    /// load it also bounds the latency from decoding: a source that is behind keeps this many batches queued. Fewer
    /// cut that latency but not the time an event waits in all, since events then wait before they are decoded, and
    /// they cost throughput, since the source waits for the symbols more often (benchmarks/PERFORMANCE.md has figures).
    /// </summary>
    public int MaxBatchesInFlight { get; init; } = DefaultMaxBatchesInFlight;

    /// <summary>
    /// Resume a run the node had started before: the source's first <c>ResumeAfter</c> events are read but not
    /// delivered (counted in <see cref="IngestionCounters.SkippedOnResume"/>), because every symbol's recovered state
    /// already holds them. Symbols whose state holds more skip their own duplicates by position. 0 delivers everything.
    /// </summary>
    public long ResumeAfter { get; init; }

    /// <summary>How long the run waits for a buffer to come back (every slice of it acknowledged) before it fails.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sees every acknowledged slice, on the acknowledging symbol actor's thread, after the actor applied it (book,
    /// features and bars updated) and before its buffer is reused, so the slice's events are still readable. A load
    /// harness records event-to-feature latency here. Keep it short and allocation-free: it runs on the hot path.
    /// </summary>
    public Action<SymbolEventsAck>? OnAcknowledged { get; init; }
}
