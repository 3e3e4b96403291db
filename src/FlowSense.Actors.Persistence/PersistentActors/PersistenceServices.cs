using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.Serialization;
using FlowSense.Actors.Persistence.Snapshots;

namespace FlowSense.Actors.Persistence.PersistentActors;

/// <summary>
/// What a persistent actor stores through: the journal (usually a circuit breaker over a batching journal over
/// PostgreSQL or SQLite), the snapshot store, and the serializers of its events and snapshots. One instance is
/// shared by every persistent actor of a node.
/// </summary>
public sealed record PersistenceServices(IJournal Journal, ISnapshotStore Snapshots, EventSerializerRegistry Serializers)
{
    /// <summary>The clock that stamps snapshots.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Rejected and failed persists of every actor using these services.</summary>
    public PersistenceCounters Counters { get; init; } = new();
}
