namespace FlowSense.Actors.Persistence.Journal;

/// <summary>Conveniences over <see cref="IJournal"/> for callers that write one stream at a time.</summary>
public static class JournalExtensions
{
    /// <summary>Stores one atomic write, throwing its rejection (<see cref="StaleEpochException"/>, <see cref="SequenceConflictException"/>) if any.</summary>
    public static async Task WriteAsync(this IJournal journal, AtomicWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        IReadOnlyList<Exception?> results = await journal.WriteAsync([write], cancellationToken).ConfigureAwait(false);
        if (results[0] is { } rejection)
            throw rejection;
    }

    /// <summary>Replays every stored event of the stream into a list (for tests and tools; actors replay with a callback).</summary>
    public static async Task<List<ReplayedEvent>> ReadAllAsync(this IJournal journal, string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var events = new List<ReplayedEvent>();
        await journal.ReplayAsync(persistenceId, 1, long.MaxValue, events.Add, cancellationToken).ConfigureAwait(false);
        return events;
    }
}
