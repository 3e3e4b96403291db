using FlowSense.Actors;
using FlowSense.MarketData.Instruments;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// Where a restarted node resumes a source: the lowest position any of the source's symbols recovered for it (0 for
/// a symbol with no snapshot, so the whole source is replayed). Events up to there are in every symbol's state;
/// symbols that are further ahead skip their duplicates by position, so the final state equals an uninterrupted run's.
/// </summary>
/// <remarks>
/// The symbols are asked once they have recovered, so each snapshot is read once, by its symbol: reading the
/// snapshots beforehand to find the point would read every one of them twice.
/// </remarks>
public static class ResumePoint
{
    /// <summary>The position <paramref name="sourceId"/> may resume after (<see cref="Ingestion.IngestionOptions.ResumeAfter"/>).</summary>
    /// <param name="shards">The symbols, with persistence: each recovers from its snapshot before it answers.</param>
    /// <param name="sourceId">The source (ingestion run name).</param>
    /// <param name="instruments">Every instrument the source carries (all in the catalog).</param>
    /// <param name="cancellationToken">Cancels the questions.</param>
    public static async Task<long> FindAsync(SymbolShards shards, string sourceId, IEnumerable<InstrumentId> instruments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(instruments);
        InputPosition[] recovered = await Task.WhenAll(instruments
            .Select(SymbolKey.EntityId)
            .Distinct(StringComparer.Ordinal)
            .Select(id => shards.Region.Ask<InputPosition>(new GetInputPosition(id, sourceId), Timeout.InfiniteTimeSpan, cancellationToken))).ConfigureAwait(false);
        return Lowest(recovered.Select(p => p.Position));
    }

    /// <summary>The lowest of <paramref name="recoveredPositions"/>; 0 when there are none.</summary>
    public static long Lowest(IEnumerable<long> recoveredPositions)
    {
        ArgumentNullException.ThrowIfNull(recoveredPositions);
        long resume = long.MaxValue;
        foreach (long position in recoveredPositions)
            resume = Math.Min(resume, position);
        return resume == long.MaxValue ? 0 : resume;
    }
}
