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
/// <para><b>Failures.</b> A store that does not answer is retried with a back-off (counted in
/// <see cref="SymbolCounters.RecoveryRetries"/>). A snapshot that can never be restored — taken with other settings,
/// or corrupt — is reported once (<see cref="SymbolRecoveryFailed"/>: logged, on the symbol's health, on the event
/// stream) and the symbol stops processing: it refuses and acknowledges its events, and is never restarted into the
/// same failure, nor does it overwrite that snapshot.</para>
/// </summary>
public sealed partial class SymbolActor
{
    private readonly SymbolPersistence? _persistence;
    private readonly object _incarnation = new(); // tags replies, so a restarted instance ignores its predecessor's
    private bool _recovering;
    private int _recoveryAttempts;
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
        if (_entry.Failure is not null)
        {
            // An earlier incarnation found the snapshot unrestorable: loading it again would fail again.
            RefuseWaiting();
            return;
        }
        _recovering = true;
        Become(Recovering, discardOld: false);
        Load();
    }

    /// <summary>While the snapshot loads: everything but the load's answer waits in the stash.</summary>
    private void Recovering(object message)
    {
        switch (message)
        {
            case SnapshotLoaded loaded:
                OnSnapshotLoaded(loaded);
                break;
            case RetryRecovery retry:
                if (retry.Incarnation == _incarnation)
                    Load();
                break;
            default:
                Stash.Stash();
                break;
        }
    }

    /// <summary>Loads the latest snapshot off the actor's turn, after the predecessor's last write; the answer comes as <see cref="SnapshotLoaded"/>.</summary>
    private void Load()
    {
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
#pragma warning disable CA1031 // any failure is handed to the actor, which decides on its own turn
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
        {
            // The store did not answer (I/O, a timeout, an open circuit): it may next time. Retry with a back-off,
            // messages stay stashed meanwhile (ingestion waits for this symbol's acks, which is the back-pressure).
            _entry.Counters.CountRecoveryRetry();
            _recoveryAttempts++;
            TimeSpan delay = RecoveryBackoff(_recoveryAttempts);
            Logger.LogWarning(loaded.Error, "{Entity}: loading its snapshot failed (attempt {Attempt}); retrying in {Delay}",
                _entry.EntityId, _recoveryAttempts, delay);
            Context.System.Scheduler.ScheduleTellOnce(delay, Self, new RetryRecovery(_incarnation), Self);
            return;
        }
        if (loaded.Snapshot is { } snapshot && !TryRestore(snapshot))
        {
            _recovering = false;
            Context.Unbecome();
            Stash.UnstashAll(); // slices among them are refused and acknowledged (OnEvents), queries answered
            RefuseWaiting();
            return;
        }
        _recovering = false;
        Context.Unbecome();
        Stash.UnstashAll();
        Resume();
    }

    /// <summary>
    /// Restores <paramref name="snapshot"/>; false when it can never be restored (other settings, corrupt bytes, an
    /// unknown manifest), after recording, logging and publishing why. Restoring the same bytes again cannot succeed,
    /// so this is never retried.
    /// </summary>
    private bool TryRestore(SelectedSnapshot snapshot)
    {
        // A new process continues the counters from the snapshot; a restart or re-creation keeps the live ones.
        bool newProcess = _entry.Counters.Processed == 0;
        string? reason = null;
        if (snapshot.Manifest != SymbolSnapshot.Manifest)
        {
            reason = $"its manifest is '{snapshot.Manifest}', not '{SymbolSnapshot.Manifest}'";
        }
        else
        {
            try
            {
                SymbolSnapshot.Restore(snapshot.Payload.Span, _entry.EntityId, _state, _entry.Positions, newProcess ? _entry.Counters : null);
            }
#pragma warning disable CA1031 // whatever the reader throws on these bytes, it will throw again: never worth a restart
            catch (Exception ex)
#pragma warning restore CA1031
            {
                reason = ex.Message;
            }
        }
        if (reason is null)
        {
            _lastSaved = snapshot.Metadata;
            Logger.LogDebug("{Entity} recovered from its snapshot at {SequenceNr} (epoch {Epoch})", _entry.EntityId, snapshot.Metadata.SequenceNr, snapshot.Metadata.Epoch);
            return true;
        }

        var failure = new SymbolRecoveryFailed(_state.Instrument.Id, _entry.EntityId, snapshot.Metadata.SequenceNr, snapshot.Metadata.Timestamp, reason);
        _entry.Failure = failure;
        _failed = true; // the half-restored state must never be stored over the snapshot an operator may still want
        _state = new SymbolState(_state.Settings, _entry.Sequences, _entry.Counters); // queries see an empty symbol, not a half-restored one
        Logger.LogError("{Failure}", failure.Message);
        Context.System.EventStream.Publish(failure);
        return false;
    }

    /// <summary>
    /// A symbol that could not recover acknowledges everything it was holding, as refused, so no ingestion waits for
    /// it: the rest of an interrupted slice, the held slices, and the withheld acks.
    /// </summary>
    private void RefuseWaiting()
    {
        if (_entry.Interrupted is { } cut)
        {
            _entry.Interrupted = null;
            Refuse(cut.Events, cut.Sender, cut.ResumeAt, cut.Tally);
        }
        while (_entry.TryTakeHeld(out var held))
            Refuse(held.Events, held.Sender, 0, default);
        while (_entry.TryTakeWithheldAck(out var withheld))
            withheld.To.Tell(withheld.Ack, Self);
    }

    /// <summary>Acknowledges a slice's events from <paramref name="start"/> as rejected without applying them (the symbol failed to recover).</summary>
    private void Refuse(SymbolEvents slice, IActorRef sender, int start, SliceTally tally)
    {
        int refused = slice.Count - start;
        _entry.Counters.CountRefused(refused);
        tally.Rejected += refused;
        sender.Tell(slice.Acknowledge(tally), Self);
    }

    /// <summary>100 ms, doubling per failed attempt, at most 10 s: a store that is down is not hammered.</summary>
    private static TimeSpan RecoveryBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 100 * Math.Pow(2, Math.Min(attempt - 1, 16))));

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
        if (_entry.Failure is { } failure)
        {
            requester.Tell(new SymbolSnapshotFailed(_state.Instrument.Id, new InvalidOperationException(failure.Message)), Self);
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

    private sealed record RetryRecovery(object Incarnation);

    private sealed record SnapshotWritten(object Incarnation, SnapshotMetadata Metadata, Exception? Error);
}
