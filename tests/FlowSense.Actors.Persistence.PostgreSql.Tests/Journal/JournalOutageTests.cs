using FlowSense.Actors.Persistence.Batching;
using FlowSense.Actors.Persistence.CircuitBreaker;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Migrations;
using FlowSense.Actors.Persistence.TestSupport;
using Npgsql;

namespace FlowSense.Actors.Persistence.PostgreSql.Tests.Journal;

/// <summary>The journal stack of a node (breaker over batching over PostgreSQL) through a real database outage.</summary>
public sealed class JournalOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_breaker_opens_while_PostgreSQL_is_down_closes_after_it_returns_and_no_acknowledged_event_is_lost()
    {
        await using PrivatePostgresServer server = await PrivatePostgresServer.StartAsync();
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(server.ConnectionString + ";Timeout=5;Command Timeout=5");
        await new MigrationRunner(dataSource).MigrateAsync();
        await using var batching = new BatchingJournal(new PostgreSqlJournal(dataSource));
        var breaker = new JournalCircuitBreaker(batching, new CircuitBreakerOptions
        {
            MaxFailures = 2,
            ResetTimeout = TimeSpan.FromMilliseconds(200),
            CallTimeout = TimeSpan.FromSeconds(10),
        });
        var transitions = new List<CircuitState>();
        breaker.StateChanged += state => { lock (transitions) transitions.Add(state); };
        var writer = new AcknowledgingWriter(breaker, "BINANCE:BTC-USDT");

        for (int i = 0; i < 50; i++)
            Assert.True(await writer.TryWriteNextAsync());

        await server.PauseAsync();
        Exception? failure = null;
        for (int attempt = 0; attempt < 10 && failure is not CircuitBreakerOpenException; attempt++)
            failure = await writer.WriteNextExpectingFailureAsync();
        Assert.IsType<CircuitBreakerOpenException>(failure);
        Assert.Equal(CircuitState.Open, breaker.State);

        await server.ResumeAsync();
        using (var deadline = new CancellationTokenSource(Patience))
        {
            // Fail fast until the reset timeout passes, then the half-open trial (perhaps after a stale pooled
            // connection fails once more) must get through.
            while (!await writer.TryWriteNextAsync())
                await Task.Delay(50, deadline.Token);
        }

        for (int i = 0; i < 50; i++)
            Assert.True(await writer.TryWriteNextAsync());

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen], transitions.Take(2));
        Assert.Equal(CircuitState.Closed, transitions[^1]);
        List<ReplayedEvent> stored = await breaker.ReadAllAsync(writer.PersistenceId);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.SequenceNr));
        Assert.Subset(stored.Select(e => e.SequenceNr).ToHashSet(), writer.Acknowledged.ToHashSet());
        Assert.True(writer.Acknowledged.Count >= 101);
    }

    /// <summary>Appends one event at a time like a persistent actor, remembering which were acknowledged.</summary>
    private sealed class AcknowledgingWriter(IJournal journal, string persistenceId)
    {
        private long _next = 1;

        public string PersistenceId => persistenceId;

        public List<long> Acknowledged { get; } = [];

        public async Task<bool> TryWriteNextAsync() => await AttemptAsync() is null;

        public async Task<Exception?> WriteNextExpectingFailureAsync()
        {
            Exception? failure = await AttemptAsync();
            Assert.NotNull(failure);
            return failure;
        }

        private async Task<Exception?> AttemptAsync()
        {
            try
            {
                await journal.WriteAsync(new AtomicWrite(persistenceId, 1, [new JournalEvent(_next, "tick.v1", BitConverter.GetBytes(_next))]));
                Acknowledged.Add(_next++);
                return null;
            }
            catch (SequenceConflictException)
            {
                // A write that failed from our side did commit before the connection died: like an actor, recover
                // the head and carry on after it. It was never acknowledged, so nothing acknowledged is at stake.
                _next = await journal.HighestSequenceNrAsync(persistenceId) + 1;
                return new InvalidOperationException("retry after recovering the head");
            }
#pragma warning disable CA1031 // the outage's failures are what this test observes
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return ex;
            }
        }
    }
}
