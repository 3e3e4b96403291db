namespace FlowSense.Actors.Persistence.Batching;

/// <summary>Limits of a <see cref="BatchingJournal"/>.</summary>
public sealed record BatchingJournalOptions
{
    /// <summary>
    /// A batch stops growing once it holds this many events (it may exceed it by one caller's write, which is never
    /// split). Bigger batches mean fewer commits but a longer wait for the first caller in them.
    /// </summary>
    public int MaxBatchEvents { get; init; } = 20_000;

    /// <summary>
    /// Callers waiting to be batched. When full, <see cref="BatchingJournal.WriteAsync"/> waits for room: back-pressure
    /// on the persisting actors instead of unbounded memory.
    /// </summary>
    public int QueueCapacity { get; init; } = 8_192;

    /// <summary>
    /// Batches committing at the same time, each on its own connection. Two let one batch wait for its commit's
    /// flush to disk while the next is already sent; one gives strictly one transaction at a time.
    /// </summary>
    public int MaxConcurrentBatches { get; init; } = 2;
}
