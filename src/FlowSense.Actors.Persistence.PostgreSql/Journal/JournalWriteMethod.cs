namespace FlowSense.Actors.Persistence.PostgreSql.Journal;

/// <summary>How <see cref="PostgreSqlJournal"/> sends a batch of events.</summary>
public enum JournalWriteMethod
{
    /// <summary>Binary COPY straight into the journal table (the default: fastest in the benchmark).</summary>
    BinaryCopy,

    /// <summary>Prepared multi-row INSERT statements of fixed sizes, pipelined in one round trip.</summary>
    MultiRowInsert,
}
