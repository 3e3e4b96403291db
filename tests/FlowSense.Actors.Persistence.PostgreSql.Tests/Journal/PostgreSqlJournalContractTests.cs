using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PostgreSql.Journal;
using FlowSense.Actors.Persistence.TestSupport;

namespace FlowSense.Actors.Persistence.PostgreSql.Tests.Journal;

/// <summary>The journal contract on PostgreSQL, writing events with binary COPY (the default).</summary>
public sealed class PostgreSqlJournalContractTests(PostgresDatabase database) : JournalContractTests, IClassFixture<PostgresDatabase>
{
    protected override IJournal Journal { get; } = new PostgreSqlJournal(database.DataSource, JournalWriteMethod.BinaryCopy);
}

/// <summary>The journal contract on PostgreSQL, writing events with prepared multi-row INSERTs.</summary>
public sealed class PostgreSqlMultiRowInsertJournalContractTests(PostgresDatabase database) : JournalContractTests, IClassFixture<PostgresDatabase>
{
    protected override IJournal Journal { get; } = new PostgreSqlJournal(database.DataSource, JournalWriteMethod.MultiRowInsert);

    [Fact]
    public async Task Batches_that_are_not_a_multiple_of_the_chunk_sizes_store_every_row_once()
    {
        string id = NewId();
        await Journal.WriteAsync(Write(id, 1, 1, 1234)); // 1000 + 2x100 + 3x10 + 4x1 rows

        List<ReplayedEvent> events = await Journal.ReadAllAsync(id);

        Assert.Equal(Enumerable.Range(1, 1234).Select(i => (long)i), events.Select(e => e.SequenceNr));
    }
}
