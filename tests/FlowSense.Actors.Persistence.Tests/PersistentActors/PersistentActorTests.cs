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

    private IActorRef Start(string id, long epoch = 1, TaskCompletionSource? stopped = null) =>
        _system.ActorOf(Props.Create(() => new TradeTapeActor(_services, id, epoch, stopped)));

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
