using FlowSense.Actors;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.Pipeline.Recording;
using FlowSense.Pipeline.Snapshots;
using Microsoft.Extensions.Logging;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The durable side of a symbol actor. <b>Recovery</b>: on start, restart and re-creation the actor waits for its
/// predecessor's last snapshot write, loads the latest snapshot and restores state, positions (and, in a new process,
/// counters) before it handles anything else; messages meanwhile are stashed. <b>Saving</b>: every
/// <see cref="SymbolSnapshotOptions.EveryEvents"/> events or <see cref="SymbolSnapshotOptions.Every"/> after the first
/// unsaved event, on passivation, and on request (<see cref="SaveSymbolSnapshot"/>, used by the coordinated
/// shutdown's snapshot phase). The state is serialized on the actor's turn (it is single-threaded) and written off
/// it, at most one write in flight: a snapshot that falls due meanwhile is taken when the write completes, so
/// ingestion never waits for storage.
/// </summary>
public sealed partial class SymbolActor
{
    private readonly SymbolPersistence? _persistence;
    private readonly object _incarnation = new(); // tags replies, so a restarted instance ignores its predecessor's
    private bool _recovering;
    private bool _failed;
    private long _unsaved;       // events processed since the last snapshot was taken
    private bool _saving;        // a write is in flight
    private bool _saveAgain;     // a snapshot fell due while one was in flight
    private ICancelable? _due;
    private SnapshotMetadata? _lastSaved;
    private List<IActorRef> _waitingForWrite = [];
    private List<IActorRef> _waitingForNext = [];

    private void Recover()
    {
        _recovering = true;
        BecomeStacked(() =>
        {
            Receive<SnapshotLoaded>(OnSnapshotLoaded);
            ReceiveAny(_ => Stash.Stash());
        });
        IActorRef self = Self;
        object incarnation = _incarnation;
        Task previous = _entry.LastSave;
        ISnapshotStore store = _persistence!.Store;
        string id = _entry.EntityId;
        _ = Task.Run(async () =>
        {
            try
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                SelectedSnapshot? snapshot = await store.LoadAsync(id, SnapshotSelectionCriteria.Latest).ConfigureAwait(false);
                self.Tell(new SnapshotLoaded(incarnation, snapshot, null), self);
            }
#pragma warning disable CA1031 // any failure is handed to the actor, which fails on its own turn
            catch (Exception ex)
#pragma warning restore CA1031
            {
                self.Tell(new SnapshotLoaded(incarnation, null, ex), self);
            }
        });
    }

    private void OnSnapshotLoaded(SnapshotLoaded loaded)
    {
        if (loaded.Incarnation != _incarnation)
            return;
        if (loaded.Error is not null)
            throw new SymbolRecoveryException(_entry.EntityId, loaded.Error);
        if (loaded.Snapshot is { } snapshot)
        {
            // A new process continues the counters from the snapshot; a restart or re-creation keeps the live ones.
            bool newProcess = _entry.Counters.Processed == 0;
            SymbolSnapshot.Restore(snapshot.Payload.Span, _entry.EntityId, _state, _entry.Positions, newProcess ? _entry.Counters : null);
            _lastSaved = snapshot.Metadata;
            Logger.LogDebug("{Entity} recovered from its snapshot at {SequenceNr} (epoch {Epoch})", _entry.EntityId, snapshot.Metadata.SequenceNr, snapshot.Metadata.Epoch);
        }
        _recovering = false;
        UnbecomeStacked();
        Stash.UnstashAll();
        Resume();
    }

    private void NoteProcessed(int events)
    {
        if (_persistence is null || events <= 0)
            return;
        _unsaved += events;
        if (_unsaved >= _persistence.Options.EveryEvents)
            TakeSnapshot();
        else
            _due ??= Context.System.Scheduler.ScheduleTellOnce(_persistence.Options.Every, Self, new SnapshotDue(_incarnation), Self);
    }

    private void OnSnapshotDue(SnapshotDue due)
    {
        if (due.Incarnation != _incarnation)
            return;
        _due = null;
        if (_unsaved > 0)
            TakeSnapshot();
    }

    private void RequestSnapshot(IActorRef requester)
    {
        if (_persistence is null)
        {
            requester.Tell(new SymbolSnapshotFailed(_state.Instrument.Id, new InvalidOperationException($"{_entry.EntityId} is not persistent.")), Self);
            return;
        }
        if (!_saving && _unsaved == 0)
        {
            requester.Tell(new SymbolSnapshotSaved(_state.Instrument.Id, _lastSaved ?? Metadata()), Self);
            return;
        }
        _waitingForNext.Add(requester);
        TakeSnapshot();
    }

    /// <summary>Serializes the state now and writes it, unless a write is in flight (then right after it).</summary>
    private void TakeSnapshot()
    {
        if (_saving)
        {
            _saveAgain = true;
            return;
        }
        _due?.Cancel();
        _due = null;
        (_waitingForWrite, _waitingForNext) = (_waitingForNext, _waitingForWrite);
        _saving = true;
        IActorRef self = Self;
        object incarnation = _incarnation;
        (Task write, SnapshotMetadata metadata) = Write();
        write.ContinueWith(
            static (task, state) =>
            {
                var (self, written) = ((IActorRef, SnapshotWritten))state!;
                self.Tell(written with { Error = task.Exception?.GetBaseException() }, self);
            },
            (self, new SnapshotWritten(incarnation, metadata, null)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnSnapshotWritten(SnapshotWritten written)
    {
        if (written.Incarnation != _incarnation)
            return;
        _saving = false;
        List<IActorRef> waiting = _waitingForWrite;
        _waitingForWrite = [];
        if (written.Error is null)
        {
            _lastSaved = written.Metadata;
            foreach (IActorRef requester in waiting)
                requester.Tell(new SymbolSnapshotSaved(_state.Instrument.Id, written.Metadata), Self);
        }
        else
        {
            _entry.Counters.CountSnapshotFailure();
            foreach (IActorRef requester in waiting)
                requester.Tell(new SymbolSnapshotFailed(_state.Instrument.Id, written.Error), Self);
            if (written.Error is StaleEpochException)
            {
                // Another owner of the shard has written since: this actor must not touch the symbol again.
                Logger.LogWarning(written.Error, "{Entity}: snapshot fenced off by a newer epoch; stopping", _entry.EntityId);
                _failed = true;
                Context.Stop(Self);
                return;
            }
            Logger.LogWarning(written.Error, "{Entity}: snapshot at {SequenceNr} not stored; retrying at the next trigger", _entry.EntityId, written.Metadata.SequenceNr);
            _unsaved = Math.Max(_unsaved, 1); // what it held is still unsaved
        }

        if (_saveAgain || _waitingForNext.Count > 0 || _unsaved >= _persistence!.Options.EveryEvents)
        {
            _saveAgain = false;
            TakeSnapshot();
        }
        else if (_unsaved > 0)
        {
            _due ??= Context.System.Scheduler.ScheduleTellOnce(_persistence.Options.Every, Self, new SnapshotDue(_incarnation), Self);
        }
    }

    /// <summary>On passivation (or a stop): store what is unsaved, after any write in flight; the next incarnation waits for it.</summary>
    private void SaveOnStop()
    {
        _due?.Cancel();
        if (_persistence is null || _failed || _recovering || _unsaved == 0)
            return;
        _ = Write();
    }

    /// <summary>Serializes the state and starts its write after the symbol's previous one; returns the write.</summary>
    private (Task Write, SnapshotMetadata Metadata) Write()
    {
        SymbolPersistence persistence = _persistence!;
        byte[] bytes = SymbolSnapshot.Write(_entry.EntityId, _state, _entry.Positions, _entry.Counters);
        SnapshotMetadata metadata = Metadata();
        _unsaved = 0;
        Task previous = _entry.LastSave;
        SymbolCounters counters = _entry.Counters;
        ISeriesWriter? series = _recorder?.Writer;
        Task write = Task.Run(async () =>
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // A snapshot must never get ahead of the time series: once it is durable, a restart resumes after its
            // position, so rows derived from events up to it that were still buffered would be lost for good. Every
            // such row was offered before this point (on the actor's turn), so flushing first makes them durable
            // before the snapshot; rows re-derived after a restart from later events are absorbed as duplicates.
            if (series is not null)
                await series.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await persistence.Store.SaveAsync(metadata, SymbolSnapshot.Manifest, bytes).ConfigureAwait(false);
            counters.CountSnapshot(bytes.Length);
            await persistence.Store.KeepLatestAsync(metadata.PersistenceId, persistence.Options.Keep).ConfigureAwait(false);
        });
        _entry.LastSave = write;
        return (write, metadata);
    }

    /// <summary>The metadata of a snapshot taken now: sequence number = events processed, with the shard's epoch.</summary>
    private SnapshotMetadata Metadata() =>
        new(_entry.EntityId, _entry.Counters.Processed, _persistence!.Time.GetUtcNow()) { Epoch = _persistence.EpochOf(_entry.Shard) };

    private sealed record SnapshotLoaded(object Incarnation, SelectedSnapshot? Snapshot, Exception? Error);

    private sealed record SnapshotDue(object Incarnation);

    private sealed record SnapshotWritten(object Incarnation, SnapshotMetadata Metadata, Exception? Error);
}

/// <summary>A symbol actor could not load its snapshot; it fails, and its shard restarts it (which tries again).</summary>
public sealed class SymbolRecoveryException(string entityId, Exception cause)
    : Exception($"Recovery of symbol '{entityId}' from its snapshot failed: {cause.Message}", cause)
{
    public string EntityId { get; } = entityId;
}
