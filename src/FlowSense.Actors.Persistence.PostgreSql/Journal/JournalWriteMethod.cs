namespace FlowSense.Actors.Persistence.PostgreSql.Journal;

/// <summary>How <see cref="PostgreSqlJournal"/> sends a batch of events.</summary>
public enum JournalWriteMethod
{
    /// <summary>Binary COPY straight into the journal table (the default: 2.3-2.5x the rate of <see cref="MultiRowInsert"/> for 10,000-event transactions in JournalWriteBenchmarks, with 0.4% of its allocation).</summary>
    BinaryCopy,

    /// <summary>Prepared multi-row INSERT statements of fixed sizes, pipelined in one round trip.</summary>
    MultiRowInsert,
}
