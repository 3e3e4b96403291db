using FlowSense.Actors.Persistence.Batching;
using FlowSense.Actors.Persistence.CircuitBreaker;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PersistentActors;
using FlowSense.Actors.Persistence.PostgreSql.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Actors.Persistence.PostgreSql.Snapshots;
using FlowSense.Actors.Persistence.TestSupport;
using Npgsql;
using static FlowSense.Actors.Persistence.PostgreSql.Tests.PersistentActors.TickerActor;

namespace FlowSense.Actors.Persistence.PostgreSql.Tests.PersistentActors;

/// <summary>
/// Journal failure injection end to end: persistent actors in an ActorSystem persist continuously through the node's
/// journal stack (breaker over batching over PostgreSQL) on a server of the test's own, which is stopped and started.
/// </summary>
public sealed class PersistentActorsThroughAnOutageTests
{
    private const int Writers = 12, Idle = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_breaker_opens_and_closes_and_every_acknowledged_event_is_recovered_in_order_without_gaps()
    {
        await using PrivatePostgresServer server = await PrivatePostgresServer.StartAsync();
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(server.ConnectionString + ";Timeout=5;Command Timeout=5");
        await new MigrationRunner(dataSource).MigrateAsync();
        await using var batching = new BatchingJournal(new PostgreSqlJournal(dataSource));
        var breaker = new JournalCircuitBreaker(batching, new CircuitBreakerOptions
        {
            MaxFailures = 3,
            // Long enough that the idle actors' persists below find the breaker still open: at 500 ms, on a loaded
            // machine one of them became the half-open trial and failed with the server's error instead.
            ResetTimeout = TimeSpan.FromSeconds(3),
            CallTimeout = TimeSpan.FromSeconds(10),
        });
        var transitions = new List<CircuitState>();
        breaker.StateChanged += state => { lock (transitions) transitions.Add(state); };
        var services = new PersistenceServices(breaker, new PostgreSqlSnapshotStore(dataSource), Serializers());
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        ActorSystem system = ActorSystem.Create("journal-outage");
        Writer[] writers = [.. Enumerable.Range(0, Writers).Select(i => new Writer(system, services, $"ticker-{i}"))];
        Task[] writing = [.. writers.Select(w => Task.Run(() => w.RunAsync(resumed.Task, stop.Token)))];
        IActorRef[] idle = [.. Enumerable.Range(0, Idle).Select(i => system.ActorOf(Props.Create(() => new TickerActor(services, $"idle-{i}", 1))))];
        foreach (IActorRef actor in idle)
            await actor.Ask<long[]>(new GetHistory(), AskTimeout); // recovered, ready to persist

        await Probe.EventuallyAsync(() => writers.All(w => w.AcknowledgedCount >= 10), "every writer has events acknowledged", Patience);
        await server.PauseAsync();
        await Probe.EventuallyAsync(() => breaker.State == CircuitState.Open, "the breaker opens", Patience);

        // While it is open, a persist fails fast with the breaker's error and the actor hears of it.
        foreach (IActorRef actor in idle)
        {
            object reply = await actor.Ask<object>(new Tick(1), AskTimeout);
            Assert.IsType<CircuitBreakerOpenException>(Assert.IsType<PersistFailed>(reply).Cause);
        }

        Assert.True(services.Counters.PersistFailures >= Idle);
        await Probe.EventuallyAsync(() => writers.All(w => w.Failures.Count > 0), "every writer has seen its persist fail", Patience);

        await server.ResumeAsync();
        int[] before = [.. writers.Select(w => w.AcknowledgedCount)];
        resumed.SetResult();
        await Probe.EventuallyAsync(() => writers.Select((w, i) => w.AcknowledgedCount >= before[i] + 10).All(b => b), "every writer persists again", Patience);
        Assert.Equal(CircuitState.Closed, breaker.State);
        lock (transitions)
        {
            int open = transitions.IndexOf(CircuitState.Open);
            Assert.True(open >= 0 && transitions.IndexOf(CircuitState.HalfOpen, open) > open && transitions[^1] == CircuitState.Closed, string.Join(", ", transitions));
        }

        await stop.CancelAsync();
        await Task.WhenAll(writing).WaitAsync(Patience);
        await system.Terminate();

        // A new system recovers every actor: each acknowledged event is there, in order, numbered 1..N without gaps.
        ActorSystem recovery = ActorSystem.Create("journal-recovery");
        try
        {
            foreach (Writer writer in writers)
            {
                IActorRef actor = recovery.ActorOf(Props.Create(() => new TickerActor(services, writer.PersistenceId, 1)));
                long[] history = await actor.Ask<long[]>(new GetHistory(), AskTimeout);
                List<ReplayedEvent> stored = await breaker.ReadAllAsync(writer.PersistenceId);

                Assert.Equal(Enumerable.Range(1, stored.Count).Select(n => (long)n), stored.Select(e => e.SequenceNr));
                Assert.Equal(stored.Count, history.Length);
                Assert.True(history.Zip(history.Skip(1)).All(p => p.First < p.Second), $"{writer.PersistenceId} replays its ticks out of order");
                Assert.Subset(history.ToHashSet(), writer.Acknowledged.ToHashSet());
            }

            // Fencing: the writer of a newer epoch wins; a stale one is rejected, told so, and counted.
            IActorRef owner = recovery.ActorOf(Props.Create(() => new TickerActor(services, "fenced", 2)));
            Assert.IsType<Acked>(await owner.Ask<object>(new Tick(1), AskTimeout));
            IActorRef former = recovery.ActorOf(Props.Create(() => new TickerActor(services, "fenced", 1)));
            object verdict = await former.Ask<object>(new Tick(2), AskTimeout);
            Assert.IsType<StaleEpochException>(Assert.IsType<PersistRejected>(verdict).Cause);
            Assert.Equal(1, services.Counters.StaleEpochRejections);
        }
        finally
        {
            await recovery.Terminate();
        }
    }

    /// <summary>
    /// Drives one persistent actor like an upstream would: one tick at a time, each with a new value, remembering
    /// which were acknowledged. When a persist fails the actor stops; the writer waits for the database to be back,
    /// then starts a new incarnation (which recovers) and carries on.
    /// </summary>
    private sealed class Writer(ActorSystem system, PersistenceServices services, string persistenceId)
    {
        private readonly Lock _gate = new();
        private readonly List<long> _acknowledged = [];
        private readonly List<Exception> _failures = [];

        public string PersistenceId => persistenceId;

        public int AcknowledgedCount
        {
            get
            {
                lock (_gate)
                    return _acknowledged.Count;
            }
        }

        public IReadOnlyList<long> Acknowledged
        {
            get
            {
                lock (_gate)
                    return [.. _acknowledged];
            }
        }

        public IReadOnlyList<Exception> Failures
        {
            get
            {
                lock (_gate)
                    return [.. _failures];
            }
        }

        public async Task RunAsync(Task resumed, CancellationToken stop)
        {
            long next = 1;
            IActorRef actor = Start();
            while (!stop.IsCancellationRequested)
            {
                // Not cancelled by `stop`: every tick sent is answered, so no write is still in flight when the test
                // reads the journal back (one that committed after recovery would look like a replay gap).
                object reply = await actor.Ask<object>(new Tick(next++), AskTimeout);

                lock (_gate)
                {
                    if (reply is Acked acked)
                    {
                        _acknowledged.Add(acked.Value);
                        continue;
                    }

                    _failures.Add(reply switch
                    {
                        PersistFailed failed => failed.Cause,
                        PersistRejected rejected => rejected.Cause, // a write that failed on our side yet committed
                        _ => new InvalidOperationException($"unexpected reply {reply}"),
                    });
                }

                try
                {
                    await resumed.WaitAsync(stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                actor = Start();
            }
        }

        private IActorRef Start() => system.ActorOf(Props.Create(() => new TickerActor(services, persistenceId, 1)));
    }
}
