using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.Serialization;
using FlowSense.Actors.Persistence.Snapshots;
using Microsoft.Extensions.Logging;

namespace FlowSense.Actors.Persistence.PersistentActors;

/// <summary>
/// An actor whose state is the fold of the events it persisted (Akka.NET's PersistentActor semantics).
/// <list type="bullet">
/// <item><b>Recovery</b> runs when the actor starts (and after a restart): the latest snapshot matching
/// <see cref="RecoveryCriteria"/> is offered (<see cref="SnapshotOffer"/>), then the later events are replayed,
/// then <see cref="RecoveryCompleted"/>; all to <see cref="OnRecover"/>. Commands arriving meanwhile are stashed.</item>
/// <item><see cref="Persist{TEvent}"/> / <see cref="PersistAll{TEvent}"/>: the handler runs after the journal
/// committed the event(s); commands arriving in between are stashed, so the next command sees the new state.</item>
/// <item><see cref="PersistAsync{TEvent}"/>: the same, without stashing (higher throughput; commands may run
/// before earlier handlers).</item>
/// <item><see cref="DeferAsync{TEvent}"/>: runs a handler after every earlier persist handler, storing nothing.</item>
/// <item><see cref="DeleteMessages"/> and <see cref="DeleteSnapshots"/>: housekeeping after a snapshot; the outcome
/// arrives as a command.</item>
/// </list>
/// The events of one command handler go to the journal in one call (one transaction), and at most one call is in
/// flight per actor, so events are stored in sequence-number order. Every write carries <see cref="Epoch"/>, so a
/// stale owner of the entity is fenced off (<see cref="OnPersistRejected"/> stops the actor). Handlers run on the
/// actor's turn; <see cref="ActorBase.Sender"/> inside them is not the command's sender, so capture it first.
/// </summary>
public abstract class PersistentActor : ActorBase
{
    private const int ReplayChunk = 1024;

    private readonly PersistenceServices _services;
    private readonly object _incarnation = new(); // tags internal messages, so a restarted instance ignores its predecessor's
    private readonly Queue<WriteBatch> _queued = new();
    private WriteBatch? _building;
    private bool _writeInFlight;
    private int _stashingGroupsPending;
    private bool _recovering = true;
    private long _nextSequenceNr = 1;
    private long _lastSequenceNr;

    /// <param name="services">The node's journal, snapshot store and serializers.</param>
    protected PersistentActor(PersistenceServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    /// <summary>The entity's stream in the journal (for a symbol actor, the symbol).</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The fencing epoch written with every event: the epoch of the shard allocation that owns this entity.</summary>
    protected virtual long Epoch => 0;

    /// <summary>Which snapshot recovery starts from (<see cref="SnapshotSelectionCriteria.None"/> replays all events).</summary>
    protected virtual SnapshotSelectionCriteria RecoveryCriteria => SnapshotSelectionCriteria.Latest;

    /// <summary>The sequence number of the last event applied (recovered or persisted and handled).</summary>
    protected long LastSequenceNr => _lastSequenceNr;

    /// <summary>True until <see cref="RecoveryCompleted"/> has been handled.</summary>
    protected bool IsRecovering => _recovering;

    /// <summary>Applies a recovered <see cref="SnapshotOffer"/> or event, then receives <see cref="RecoveryCompleted"/>.</summary>
    protected abstract void OnRecover(object message);

    /// <summary>Handles a command; call the Persist methods to change state.</summary>
    protected abstract void OnCommand(object message);

    /// <summary>Stores <paramref name="event"/>, then runs <paramref name="handler"/>; later commands wait.</summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull => Enqueue([@event], handler, stashing: true);

    /// <summary>Stores <paramref name="events"/> atomically, then runs <paramref name="handler"/> for each; later commands wait.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull => Enqueue(events, handler, stashing: true);

    /// <summary>Stores <paramref name="event"/>, then runs <paramref name="handler"/>; later commands do not wait.</summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull => Enqueue([@event], handler, stashing: false);

    /// <summary>Runs <paramref name="handler"/> after the handlers of every event persisted before; stores nothing.</summary>
    protected void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building.Groups.Add(new Group(null, [(@event, 0)], e => handler((TEvent)e), Stashing: false));
    }

    /// <summary>Stores a snapshot of the state at <see cref="LastSequenceNr"/>; <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/> follows as a command.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, _lastSequenceNr, _services.Time.GetUtcNow());
        SerializedEvent serialized = _services.Serializers.Serialize(snapshot);
        TellWhenDone(
            () => _services.Snapshots.SaveAsync(metadata, serialized.Manifest, serialized.Payload),
            task => task.IsCompletedSuccessfully ? new SaveSnapshotSuccess(metadata) : new SaveSnapshotFailure(metadata, FailureOf(task)));
    }

    /// <summary>
    /// Deletes the journal's events up to and including <paramref name="toSequenceNr"/>, capped at
    /// <see cref="LastSequenceNr"/> (events still being persisted are never deleted). Fenced by <see cref="Epoch"/> like
    /// writes. <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/> follows as a command.
    /// Recovery then starts from a snapshot at or after the bound, so take one first; <see cref="LastSequenceNr"/>
    /// survives the deletion, so sequence numbers keep increasing.
    /// </summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        long bound = Math.Min(toSequenceNr, _lastSequenceNr);
        TellWhenDone(
            () => _services.Journal.DeleteToAsync(PersistenceId, bound, Epoch),
            task => task.IsCompletedSuccessfully ? new DeleteMessagesSuccess(bound) : new DeleteMessagesFailure(FailureOf(task), bound));
    }

    /// <summary>
    /// Deletes this entity's snapshots matching <paramref name="criteria"/> (a retention policy, e.g. those below the
    /// latest one). <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/> follows as a command.
    /// </summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        TellWhenDone(
            () => _services.Snapshots.DeleteAsync(PersistenceId, criteria),
            task => task.IsCompletedSuccessfully
                ? new DeleteSnapshotsSuccess(criteria, ((Task<int>)task).Result)
                : new DeleteSnapshotsFailure(criteria, FailureOf(task)));
    }

    /// <summary>A write was rejected (stale epoch, sequence conflict) and its handler will not run. By default logs it, and stops the actor on a stale epoch: another node owns the entity now.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        ArgumentNullException.ThrowIfNull(cause);
        Logger.LogWarning(cause, "Event {SequenceNr} of {PersistenceId} rejected by the journal", sequenceNr, PersistenceId);
        if (cause is StaleEpochException)
            Context.Stop(Self);
    }

    /// <summary>The journal failed to store an event. By default logs it; the actor then stops.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Logger.LogError(cause, "Persisting event {SequenceNr} of {PersistenceId} failed; stopping", sequenceNr, PersistenceId);

    /// <summary>Starts recovery. Derived actors that override it must call it.</summary>
    protected override void PreStart() => StartRecovery();

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        switch (message)
        {
            case RecoveryStep step when step.Incarnation == _incarnation:
                Recover(step);
                return true;
            case WriteCompleted completed when completed.Incarnation == _incarnation:
                OnWriteCompleted(completed);
                return true;
            case RecoveryStep or WriteCompleted:
                return true; // from a previous incarnation (before a restart): obsolete
        }

        if (_recovering || _stashingGroupsPending > 0)
        {
            Stash.Stash();
            return true;
        }

        OnCommand(message);
        SendBuilt();
        return true;
    }

    private WriteBatch Building => _building ??= new WriteBatch();

    private static Exception FailureOf(Task task) => task.Exception?.GetBaseException() ?? new OperationCanceledException();

    /// <summary>
    /// Starts a storage call and tells its outcome to this actor as a command. A call that throws instead of
    /// returning a failed task fails the same way, so a back end's argument checks cannot crash the actor.
    /// </summary>
    private void TellWhenDone(Func<Task> call, Func<Task, object> outcome)
    {
        Task task;
        try
        {
            task = call();
        }
#pragma warning disable CA1031 // whatever the back end threw is the failed outcome the actor is told about
        catch (Exception ex)
#pragma warning restore CA1031
        {
            task = Task.FromException(ex);
        }

        IActorRef self = Self;
        task.ContinueWith(t => self.Tell(outcome(t), self), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Enqueue<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler, bool stashing) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (_recovering)
            throw new InvalidOperationException($"'{PersistenceId}' cannot persist while recovering; persist from commands or after RecoveryCompleted.");

        // Serialize everything before taking sequence numbers, so a serializer failure leaves no gap.
        var items = new List<(object Event, long SequenceNr)>();
        var journalEvents = new List<JournalEvent>();
        long sequenceNr = _nextSequenceNr;
        foreach (TEvent e in events)
        {
            SerializedEvent serialized = _services.Serializers.Serialize(e);
            journalEvents.Add(new JournalEvent(sequenceNr, serialized.Manifest, serialized.Payload));
            items.Add((e, sequenceNr++));
        }

        if (items.Count == 0)
            return;
        _nextSequenceNr = sequenceNr;
        Building.Groups.Add(new Group(new AtomicWrite(PersistenceId, Epoch, journalEvents), items, e => handler((TEvent)e), stashing));
        if (stashing)
            _stashingGroupsPending++;
    }

    /// <summary>Queues what the current turn built and sends the next batch if none is in flight.</summary>
    private void SendBuilt()
    {
        if (_building is not null)
        {
            _queued.Enqueue(_building);
            _building = null;
        }

        if (_writeInFlight || !_queued.TryDequeue(out WriteBatch? batch))
            return;
        _writeInFlight = true;
        IActorRef self = Self;
        object incarnation = _incarnation;
        List<AtomicWrite> writes = [.. batch.Groups.Where(g => g.Write is not null).Select(g => g.Write!)];
        Task<IReadOnlyList<Exception?>> write;
        try
        {
            write = writes.Count == 0 ? Task.FromResult<IReadOnlyList<Exception?>>([]) : _services.Journal.WriteAsync(writes);
        }
#pragma warning disable CA1031 // a journal that throws instead of failing its task is a failed write all the same
        catch (Exception ex)
#pragma warning restore CA1031
        {
            write = Task.FromException<IReadOnlyList<Exception?>>(ex);
        }

        write.ContinueWith(
            task => self.Tell(new WriteCompleted(incarnation, batch, task.IsCompletedSuccessfully ? task.Result : null,
                task.IsCompletedSuccessfully ? null : task.Exception?.GetBaseException() ?? new OperationCanceledException()), self),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnWriteCompleted(WriteCompleted completed)
    {
        _writeInFlight = false;
        int result = 0;
        bool failed = false;
        foreach (Group group in completed.Batch.Groups)
        {
            if (group.Stashing)
                _stashingGroupsPending--;
            if (group.Write is null)
            {
                if (!failed)
                    group.Handler(group.Items[0].Event);
                continue;
            }

            Exception? rejection = completed.Failure is null ? completed.Results![result++] : null;
            foreach ((object e, long sequenceNr) in group.Items)
            {
                if (completed.Failure is not null)
                {
                    failed = true;
                    _services.Counters.CountFailure();
                    OnPersistFailure(completed.Failure, e, sequenceNr);
                }
                else if (rejection is not null)
                {
                    _services.Counters.CountRejection(rejection);
                    OnPersistRejected(rejection, e, sequenceNr);
                }
                else
                {
                    _lastSequenceNr = sequenceNr;
                    group.Handler(e);
                }
            }
        }

        if (failed)
        {
            // The actor's sequence numbers ran ahead of storage; only a fresh recovery puts them right.
            Context.Stop(Self);
            return;
        }

        SendBuilt(); // events persisted by the handlers, or batches queued meanwhile
        if (_stashingGroupsPending == 0)
            Stash.UnstashAll();
    }

    private void Recover(RecoveryStep step)
    {
        switch (step)
        {
            case RecoveredSnapshot snapshot:
                _lastSequenceNr = snapshot.Offer.Metadata.SequenceNr;
                OnRecover(snapshot.Offer);
                break;
            case ReplayedEvents replayed:
                foreach ((object e, long sequenceNr) in replayed.Events)
                {
                    _lastSequenceNr = sequenceNr;
                    OnRecover(e);
                }

                break;
            case RecoveryFinished finished:
                _recovering = false;
                _lastSequenceNr = Math.Max(_lastSequenceNr, finished.HighestSequenceNr);
                _nextSequenceNr = _lastSequenceNr + 1;
                OnRecover(RecoveryCompleted.Instance);
                SendBuilt();
                if (_stashingGroupsPending == 0)
                    Stash.UnstashAll();
                break;
            case RecoveryFailure failure:
                Logger.LogError(failure.Cause, "Recovery of {PersistenceId} failed", PersistenceId);
                throw new RecoveryFailedException(PersistenceId, failure.Cause);
        }
    }

    private void StartRecovery()
    {
        IActorRef self = Self;
        object incarnation = _incarnation;
        string persistenceId = PersistenceId;
        SnapshotSelectionCriteria criteria = RecoveryCriteria;
        PersistenceServices services = _services;
        _ = Task.Run(async () =>
        {
            try
            {
                long from = 1;
                SelectedSnapshot? snapshot = await services.Snapshots.LoadAsync(persistenceId, criteria).ConfigureAwait(false);
                if (snapshot is not null)
                {
                    object state = services.Serializers.Deserialize(snapshot.Manifest, snapshot.Payload.Span);
                    self.Tell(new RecoveredSnapshot(incarnation, new SnapshotOffer(snapshot.Metadata, state)), self);
                    from = snapshot.Metadata.SequenceNr + 1;
                }

                var chunk = new List<(object, long)>(ReplayChunk);
                await services.Journal.ReplayAsync(persistenceId, from, long.MaxValue, e =>
                {
                    chunk.Add((services.Serializers.Deserialize(e.Manifest, e.Payload.Span), e.SequenceNr));
                    if (chunk.Count == ReplayChunk)
                    {
                        self.Tell(new ReplayedEvents(incarnation, [.. chunk]), self);
                        chunk.Clear();
                    }
                }).ConfigureAwait(false);
                if (chunk.Count > 0)
                    self.Tell(new ReplayedEvents(incarnation, [.. chunk]), self);
                long highest = await services.Journal.HighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
                self.Tell(new RecoveryFinished(incarnation, highest), self);
            }
#pragma warning disable CA1031 // any failure of recovery is reported to the actor, which fails on its own turn
            catch (Exception ex)
#pragma warning restore CA1031
            {
                self.Tell(new RecoveryFailure(incarnation, ex), self);
            }
        });
    }

    private sealed class WriteBatch
    {
        public List<Group> Groups { get; } = [];
    }

    /// <summary>One Persist/PersistAll/DeferAsync call: its atomic write (none for a defer) and handler.</summary>
    private sealed record Group(AtomicWrite? Write, List<(object Event, long SequenceNr)> Items, Action<object> Handler, bool Stashing);

    private sealed record WriteCompleted(object Incarnation, WriteBatch Batch, IReadOnlyList<Exception?>? Results, Exception? Failure);

    private abstract record RecoveryStep(object Incarnation);

    private sealed record RecoveredSnapshot(object Incarnation, SnapshotOffer Offer) : RecoveryStep(Incarnation);

    private sealed record ReplayedEvents(object Incarnation, (object Event, long SequenceNr)[] Events) : RecoveryStep(Incarnation);

    private sealed record RecoveryFinished(object Incarnation, long HighestSequenceNr) : RecoveryStep(Incarnation);

    private sealed record RecoveryFailure(object Incarnation, Exception Cause) : RecoveryStep(Incarnation);
}
