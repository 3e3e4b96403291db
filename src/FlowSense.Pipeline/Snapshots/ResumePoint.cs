using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// Where a restarted node resumes a source: the lowest position any of the source's symbols recovered for it (0 for
/// a symbol with no snapshot, so the whole source is replayed). Events up to there are in every symbol's state;
/// symbols that are further ahead skip their duplicates by position, so the final state equals an uninterrupted run's.
/// </summary>
public static class ResumePoint
{
    /// <summary>The position <paramref name="sourceId"/> may resume after (<see cref="Ingestion.IngestionOptions.ResumeAfter"/>).</summary>
    /// <param name="store">The symbols' snapshot store.</param>
    /// <param name="sourceId">The source (ingestion run name).</param>
    /// <param name="instruments">Every instrument the source carries.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public static async Task<long> FindAsync(ISnapshotStore store, string sourceId, IEnumerable<InstrumentId> instruments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(instruments);
        long resume = long.MaxValue;
        foreach (InstrumentId instrument in instruments)
        {
            string id = SymbolKey.EntityId(instrument);
            SelectedSnapshot? snapshot = await store.LoadAsync(id, SnapshotSelectionCriteria.Latest, cancellationToken).ConfigureAwait(false);
            long position = snapshot is null ? 0 : SymbolSnapshot.ReadPositions(snapshot.Payload.Span, id).Of(sourceId);
            resume = Math.Min(resume, position);
            if (resume == 0)
                break;
        }
        return resume == long.MaxValue ? 0 : resume;
    }
}
