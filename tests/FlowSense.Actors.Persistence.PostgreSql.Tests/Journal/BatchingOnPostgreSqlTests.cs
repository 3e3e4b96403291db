using FlowSense.Actors.Persistence.Batching;
using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Journal;
using FlowSense.Actors.Persistence.TestSupport;

namespace FlowSense.Actors.Persistence.PostgreSql.Tests.Journal;

public sealed class BatchingOnPostgreSqlTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Many_concurrent_persisting_entities_share_few_transactions_and_every_event_is_stored()
    {
        const int Entities = 200, WritesEach = 10;
        await using var journal = new BatchingJournal(new PostgreSqlJournal(database.DataSource));

        // Each entity persists like an actor: one write at a time, the next after the previous is acknowledged.
        await Task.WhenAll(Enumerable.Range(0, Entities).Select(entity => Task.Run(async () =>
        {
            for (int w = 0; w < WritesEach; w++)
            {
                long first = (w * 3) + 1;
                await journal.WriteAsync(new AtomicWrite($"entity-{entity}", 1,
                    [.. Enumerable.Range(0, 3).Select(i => new JournalEvent(first + i, "tick.v1", BitConverter.GetBytes(first + i)))]));
            }
        })));

        Assert.True(journal.BatchesWritten < Entities * WritesEach / 2, $"{journal.BatchesWritten} transactions for {Entities * WritesEach} writes");
        for (int entity = 0; entity < Entities; entity += 37)
        {
            List<ReplayedEvent> events = await journal.ReadAllAsync($"entity-{entity}");
            Assert.Equal(Enumerable.Range(1, WritesEach * 3).Select(i => (long)i), events.Select(e => e.SequenceNr));
            Assert.All(events, e => Assert.Equal(e.SequenceNr, BitConverter.ToInt64(e.Payload.Span)));
        }
    }
}
