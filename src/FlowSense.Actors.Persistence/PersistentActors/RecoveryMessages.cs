using FlowSense.Actors.Persistence.Snapshots;

namespace FlowSense.Actors.Persistence.PersistentActors;

/// <summary>Handed to <see cref="PersistentActor.OnRecover"/> first when recovery starts from a snapshot.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Handed to <see cref="PersistentActor.OnRecover"/> last: the state is recovered and commands follow.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    public static RecoveryCompleted Instance { get; } = new();
}

/// <summary>Delivered to <see cref="PersistentActor.OnCommand"/> when a <see cref="PersistentActor.SaveSnapshot"/> was stored.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Delivered to <see cref="PersistentActor.OnCommand"/> when a <see cref="PersistentActor.SaveSnapshot"/> failed.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Delivered to <see cref="PersistentActor.OnCommand"/> when <see cref="PersistentActor.DeleteMessages"/> deleted the events up to <paramref name="ToSequenceNr"/>.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Delivered to <see cref="PersistentActor.OnCommand"/> when <see cref="PersistentActor.DeleteMessages"/> failed (a stale epoch is a <see cref="Journal.StaleEpochException"/>).</summary>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>Delivered to <see cref="PersistentActor.OnCommand"/> when <see cref="PersistentActor.DeleteSnapshots"/> deleted <paramref name="Deleted"/> snapshots.</summary>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria, int Deleted);

/// <summary>Delivered to <see cref="PersistentActor.OnCommand"/> when <see cref="PersistentActor.DeleteSnapshots"/> failed.</summary>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);

/// <summary>Recovery could not load the snapshot or replay the events; the actor stops (or restarts, by its supervisor).</summary>
public sealed class RecoveryFailedException(string persistenceId, Exception cause)
    : Exception($"Recovery of '{persistenceId}' failed: {cause.Message}", cause)
{
    public string PersistenceId { get; } = persistenceId;
}
