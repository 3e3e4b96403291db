using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PersistentActors;
using FlowSense.Actors.Persistence.Snapshots;
using static FlowSense.Actors.Persistence.Tests.PersistentActors.TradeTapeActor;

namespace FlowSense.Actors.Persistence.Tests.PersistentActors;

public sealed class PersistentActorTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ActorSystem _system = ActorSystem.Create("persistence-tests");
    private readonly ScriptedJournal _journal = new();
    private readonly InMemorySnapshotStore _snapshots = new();
    private readonly PersistenceServices _services;

    public PersistentActorTests() => _services = new PersistenceServices(_journal, _snapshots, TradeTapeActor.Serializers());

    private IActorRef Start(string id, long epoch = 1, TaskCompletionSource? stopped = null, SnapshotSelectionCriteria? recovery = null)
    {
        SnapshotSelectionCriteria criteria = recovery ?? SnapshotSelectionCriteria.Latest;
        return _system.ActorOf(Props.Create(() => new TradeTapeActor(_services, id, epoch, stopped, criteria)));
    }

    private static Task<Report> StateOf(IActorRef actor) => actor.Ask<Report>(new GetState(), Patience);

    [Fact]
    public async Task A_new_incarnation_recovers_the_state_from_the_journal()
    {
        IActorRef first = Start("AAPL");
        for (int i = 1; i <= 10; i++)
            Assert.Equal(i, await first.Ask<long>(new RecordTrade(100 + i, 2), Patience));
        _system.Stop(first);

        Report recovered = await StateOf(Start("AAPL"));

        Assert.Equal(10, recovered.Count);
        Assert.Equal(Enumerable.Range(1, 10).Sum(i => (100L + i) * 2), recovered.Notional);
        Assert.Equal(10, recovered.LastSequenceNr);
        Assert.Equal(10, recovered.ReplayedEvents);
    }

    [Fact]
    public async Task Commands_sent_while_an_event_is_being_persisted_wait_and_see_its_effect()
    {
        IActorRef actor = Start("MSFT");

        // Sent back to back: each reply is the count after that command's own event, in order.
        Task<long>[] replies = [.. Enumerable.Range(0, 100).Select(i => actor.Ask<long>(new RecordTrade(10, 1), Patience))];
        long[] counts = await Task.WhenAll(replies);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), counts);
        Assert.Equal(100, (await StateOf(actor)).LastSequenceNr);
    }

    [Fact]
    public async Task PersistAll_stores_the_events_in_one_atomic_write_and_applies_each()
    {
        IActorRef actor = Start("NVDA");

        Assert.Equal(25, await actor.Ask<long>(new RecordMany(25, 500), Patience));

        AtomicWrite write = Assert.Single(Assert.Single(_journal.Calls));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), write.Events.Select(e => e.SequenceNr));
        Assert.All(write.Events, e => Assert.Equal("trade-recorded.v1", e.Manifest));
        Assert.Equal(1, write.Epoch);
    }

    [Fact]
    public async Task Recovery_starts_from_the_latest_snapshot_and_replays_only_the_later_events()
    {
        IActorRef first = Start("TSLA");
        await first.Ask<long>(new RecordMany(5, 100), Patience);
        Assert.Equal(5, await first.Ask<long>(new TakeSnapshot(), Patience));
        await first.Ask<long>(new RecordMany(3, 200), Patience);
        _system.Stop(first);

        Report recovered = await StateOf(Start("TSLA"));

        Assert.Equal(5, recovered.RecoveredFromSnapshotAt);
        Assert.Equal(3, recovered.ReplayedEvents);
        Assert.Equal(8, recovered.Count);
        Assert.Equal((100 + 101 + 102 + 103 + 104) + (200 + 201 + 202), recovered.Notional);
        Assert.Equal(8, recovered.LastSequenceNr);
    }

    [Fact]
    public async Task Deferred_handlers_run_after_the_handlers_of_earlier_events()
    {
        IActorRef actor = Start("AMZN");

        string[] log = await actor.Ask<string[]>(new RecordThenDefer(7), Patience);

        Assert.Equal(["event 7", "event 8", "done"], log);
    }

    [Fact]
    public async Task A_stale_owner_is_stopped_when_the_journal_fences_its_write()
    {
        await _journal.WriteAsync(new AtomicWrite("GOOG", 5, [new JournalEvent(1, "trade-recorded.v1", new byte[16])]));
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef stale = Start("GOOG", epoch: 4, stopped);

        stale.Tell(new RecordTrade(1, 1), ActorRefs.NoSender);

        await stopped.Task.WaitAsync(Patience);
        Assert.Equal(1, await _journal.HighestSequenceNrAsync("GOOG"));
        Assert.Equal(1, _services.Counters.StaleEpochRejections); // the fencing is visible to metrics, not only in the log
        Assert.Equal(0, _services.Counters.PersistFailures);
    }

    [Fact]
    public async Task Recovery_completed_comes_last_after_the_snapshot_and_the_events_and_also_for_a_new_entity()
    {
        Assert.Equal(["completed 0"], (await StateOf(Start("NEW"))).Recovery);

        IActorRef first = Start("ORCL");
        await first.Ask<long>(new RecordMany(2, 10), Patience);
        await first.Ask<long>(new TakeSnapshot(), Patience);
        await first.Ask<long>(new RecordMany(2, 20), Patience);
        _system.Stop(first);

        Assert.Equal(["snapshot 2", "event 3", "event 4", "completed 4"], (await StateOf(Start("ORCL"))).Recovery);
    }

    [Fact]
    public async Task Recovery_criteria_select_an_older_snapshot_and_replay_from_there()
    {
        IActorRef first = Start("IBM");
        for (int i = 0; i < 3; i++)
        {
            await first.Ask<long>(new RecordMany(2, 100 * i), Patience);
            await first.Ask<long>(new TakeSnapshot(), Patience); // at 2, 4, 6
        }

        _system.Stop(first);

        Report recovered = await StateOf(Start("IBM", recovery: new SnapshotSelectionCriteria(MaxSequenceNr: 5)));

        Assert.Equal(["snapshot 4", "event 5", "event 6", "completed 6"], recovered.Recovery);
        Assert.Equal(6, recovered.Count);
    }

    [Fact]
    public async Task Deleting_events_after_a_snapshot_keeps_the_state_and_the_sequence_numbers()
    {
        IActorRef first = Start("ADBE");
        await first.Ask<long>(new RecordMany(10, 1), Patience);
        await first.Ask<long>(new TakeSnapshot(), Patience);

        var deleted = await first.Ask<DeleteMessagesSuccess>(new DeleteUpTo(long.MaxValue), Patience);
        await first.Ask<long>(new RecordTrade(5, 1), Patience);
        _system.Stop(first);

        Assert.Equal(10, deleted.ToSequenceNr); // capped at the last persisted event
        Assert.Equal([11L], (await _journal.ReadAllAsync("ADBE")).Select(e => e.SequenceNr));
        Report recovered = await StateOf(Start("ADBE"));
        Assert.Equal(["snapshot 10", "event 11", "completed 11"], recovered.Recovery);
        Assert.Equal(11, recovered.Count);
        Assert.Equal(12, await Start("ADBE").Ask<long>(new RecordTrade(1, 1), Patience));
    }

    [Fact]
    public async Task A_stale_owner_cannot_delete_events_and_is_told_why()
    {
        IActorRef stale = Start("INTC", epoch: 1);
        await stale.Ask<long>(new RecordMany(3, 1), Patience);
        await _journal.DeleteToAsync("INTC", 0, epoch: 2); // another node took the shard over

        var failure = await stale.Ask<DeleteMessagesFailure>(new DeleteUpTo(3), Patience);

        Assert.IsType<StaleEpochException>(failure.Cause);
        Assert.Equal(3, (await _journal.ReadAllAsync("INTC")).Count);
    }

    [Fact]
    public async Task Snapshot_retention_deletes_the_matching_snapshots_and_recovery_uses_what_is_left()
    {
        IActorRef first = Start("CSCO");
        for (int i = 0; i < 3; i++)
        {
            await first.Ask<long>(new RecordMany(2, 1), Patience);
            await first.Ask<long>(new TakeSnapshot(), Patience); // at 2, 4, 6
        }

        var dropped = await first.Ask<DeleteSnapshotsSuccess>(new DropSnapshots(new SnapshotSelectionCriteria(MaxSequenceNr: 5)), Patience);
        _system.Stop(first);

        Assert.Equal(2, dropped.Deleted);
        Assert.Null(await _snapshots.LoadAsync("CSCO", new SnapshotSelectionCriteria(MaxSequenceNr: 5)));
        Assert.Equal(["snapshot 6", "completed 6"], (await StateOf(Start("CSCO"))).Recovery);
    }

    [Fact]
    public async Task A_journal_failure_stops_the_actor_and_the_next_incarnation_recovers_what_was_stored()
    {
        IActorRef first = Start("META");
        await first.Ask<long>(new RecordTrade(10, 1), Patience);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef failing = Start("META", stopped: stopped);
        await StateOf(failing); // recovered
        _journal.Failure = new IOException("connection reset");

        failing.Tell(new RecordTrade(20, 1), ActorRefs.NoSender);
        await stopped.Task.WaitAsync(Patience);
        _journal.Failure = null;

        Report recovered = await StateOf(Start("META"));
        Assert.Equal(1, recovered.Count);
        Assert.Equal(10, recovered.Notional);
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
