using FlowSense.Actors.Persistence.Journal;
using FlowSense.Actors.Persistence.PostgreSql.BinaryCopy;
using Npgsql;

namespace FlowSense.Actors.Persistence.PostgreSql.Journal;

/// <summary>
/// The journal on PostgreSQL (tables <c>journal</c> and <c>journal_streams</c>, migrations 0001). A call to
/// <see cref="WriteAsync"/> is one transaction:
/// <list type="number">
/// <item>create missing stream rows and lock every stream row of the batch (<c>FOR UPDATE</c>, in persistence-id
/// order so concurrent batches cannot deadlock) — one round trip;</item>
/// <item>decide each write against the locked heads (<see cref="WriteAdmission"/>): stale epochs and sequence
/// conflicts are rejected per write, before anything is sent;</item>
/// <item>store the new heads and the admitted events (binary COPY or prepared multi-row INSERTs), then commit.</item>
/// </list>
/// Because the stream rows stay locked until commit, a writer with an older epoch can neither slip in between the
/// check and the insert nor write after a newer epoch has committed. The primary key remains the last line of
/// defence against duplicates.
/// </summary>
public sealed class PostgreSqlJournal : IJournal
{
    private const string LockHeadsSql = """
        INSERT INTO journal_streams (persistence_id, epoch, highest_sequence_nr)
        SELECT id, 0, 0 FROM unnest($1::text[]) AS id ORDER BY id
        ON CONFLICT (persistence_id) DO NOTHING
        """;

    private const string SelectHeadsSql = """
        SELECT persistence_id, epoch, highest_sequence_nr FROM journal_streams
        WHERE persistence_id = ANY($1::text[]) ORDER BY persistence_id FOR UPDATE
        """;

    private const string UpdateHeadsSql = """
        UPDATE journal_streams AS s SET epoch = u.epoch, highest_sequence_nr = u.highest
        FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS u(id, epoch, highest)
        WHERE s.persistence_id = u.id
        """;

    private const string CopySql = "COPY journal (persistence_id, sequence_nr, epoch, manifest, payload) FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly JournalWriteMethod _writeMethod;

    // One encoder kept between calls: with a batching journal in front there is one call at a time, so steady state
    // allocates no COPY buffer; concurrent callers that find it taken use their own.
    private CopyRowWriter? _spareWriter;

    /// <param name="dataSource">The database, migrated (see <see cref="Migrations.MigrationRunner"/>).</param>
    /// <param name="writeMethod">How events are sent; binary COPY unless a benchmark says otherwise.</param>
    public PostgreSqlJournal(NpgsqlDataSource dataSource, JournalWriteMethod writeMethod = JournalWriteMethod.BinaryCopy)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _writeMethod = writeMethod;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var rejections = new Exception?[writes.Count];
        if (writes.Count == 0)
            return rejections;

        string[] ids = DistinctSortedIds(writes);
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        Dictionary<string, StreamHead> heads = await LockHeadsAsync(connection, transaction, ids, cancellationToken).ConfigureAwait(false);
        int admitted = WriteAdmission.Decide(writes, heads, rejections);
        if (admitted == 0)
            return rejections; // disposing the transaction rolls it back and releases the locks

        await UpdateHeadsAsync(connection, transaction, writes, rejections, heads, cancellationToken).ConfigureAwait(false);
        if (_writeMethod == JournalWriteMethod.BinaryCopy)
            await CopyEventsAsync(connection, writes, rejections, cancellationToken).ConfigureAwait(false);
        else
            await InsertEventsAsync(connection, transaction, writes, rejections, cancellationToken).ConfigureAwait(false);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rejections;
    }

    /// <inheritdoc />
    public async Task ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, Action<ReplayedEvent> onEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        await using NpgsqlCommand command = _dataSource.CreateCommand("""
            SELECT sequence_nr, epoch, manifest, payload, written_at FROM journal
            WHERE persistence_id = $1 AND sequence_nr >= $2 AND sequence_nr <= $3
            ORDER BY sequence_nr
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long sequenceNr = reader.GetInt64(0);
            long epoch = reader.GetInt64(1);
            string manifest = reader.GetString(2);
            byte[] payload = reader.GetFieldValue<byte[]>(3);
            var writtenAt = new DateTimeOffset(reader.GetDateTime(4));
            onEvent(new ReplayedEvent(persistenceId, sequenceNr, epoch, manifest, payload, writtenAt));
        }
    }

    /// <inheritdoc />
    public async Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT highest_sequence_nr FROM journal_streams WHERE persistence_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        object? highest = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return highest is long value ? value : 0;
    }

    /// <inheritdoc />
    public async Task DeleteToAsync(string persistenceId, long toSequenceNr, long epoch, CancellationToken cancellationToken = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, StreamHead> heads = await LockHeadsAsync(connection, transaction, [persistenceId], cancellationToken).ConfigureAwait(false);
        StreamHead head = heads[persistenceId];
        if (epoch < head.Epoch)
            throw new StaleEpochException(persistenceId, epoch, head.Epoch);

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE journal_streams SET epoch = $2 WHERE persistence_id = $1")
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = persistenceId }, new NpgsqlParameter<long> { TypedValue = epoch } },
                },
                new NpgsqlBatchCommand("DELETE FROM journal WHERE persistence_id = $1 AND sequence_nr <= $2")
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = persistenceId }, new NpgsqlParameter<long> { TypedValue = toSequenceNr } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string[] DistinctSortedIds(IReadOnlyList<AtomicWrite> writes)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < writes.Count; i++)
            ids.Add(writes[i].PersistenceId);
        string[] sorted = [.. ids];
        // Ordinal order matches the database's order only under the C collation; any consistent order prevents
        // deadlocks between our own batches, and the database sorts again in ORDER BY anyway.
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static async Task<Dictionary<string, StreamHead>> LockHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] ids, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(LockHeadsSql) { Parameters = { new NpgsqlParameter<string[]> { TypedValue = ids } } },
                new NpgsqlBatchCommand(SelectHeadsSql) { Parameters = { new NpgsqlParameter<string[]> { TypedValue = ids } } },
            },
        };
        var heads = new Dictionary<string, StreamHead>(ids.Length, StringComparer.Ordinal);
        await using NpgsqlDataReader reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            heads[reader.GetString(0)] = new StreamHead(reader.GetInt64(1), reader.GetInt64(2));
        return heads;
    }

    private static async Task UpdateHeadsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AtomicWrite> writes,
        Exception?[] rejections, Dictionary<string, StreamHead> heads, CancellationToken cancellationToken)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < writes.Count; i++)
        {
            if (rejections[i] is null)
                touched.Add(writes[i].PersistenceId);
        }

        string[] ids = [.. touched];
        long[] epochs = new long[ids.Length];
        long[] highest = new long[ids.Length];
        for (int i = 0; i < ids.Length; i++)
            (epochs[i], highest[i]) = heads[ids[i]];

        await using var command = new NpgsqlCommand(UpdateHeadsSql, connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = ids },
                new NpgsqlParameter<long[]> { TypedValue = epochs },
                new NpgsqlParameter<long[]> { TypedValue = highest },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Encodes the admitted events in binary COPY form (straight from the events, into a reused buffer) and sends
    /// them in one COPY: the encoding costs a few field copies per event instead of a call into the driver per field.
    /// </summary>
    private async Task CopyEventsAsync(
        NpgsqlConnection connection, IReadOnlyList<AtomicWrite> writes, Exception?[] rejections, CancellationToken cancellationToken)
    {
        CopyRowWriter writer = Interlocked.Exchange(ref _spareWriter, null) ?? new CopyRowWriter();
        try
        {
            for (int i = 0; i < writes.Count; i++)
            {
                if (rejections[i] is not null)
                    continue;
                AtomicWrite write = writes[i];
                IReadOnlyList<JournalEvent> events = write.Events;
                for (int e = 0; e < events.Count; e++)
                {
                    JournalEvent journalEvent = events[e];
                    writer.StartRow(5);
                    writer.WriteText(write.PersistenceId);
                    writer.WriteInt64(journalEvent.SequenceNr);
                    writer.WriteInt64(write.Epoch);
                    writer.WriteText(journalEvent.Manifest);
                    writer.WriteBytes(journalEvent.Payload.Span);
                }
            }

            await using NpgsqlRawCopyStream copy = await connection.BeginRawBinaryCopyAsync(CopySql, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(CopyRowWriter.Header, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(writer.Written, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(CopyRowWriter.Trailer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writer.Reset();
            _spareWriter = writer;
        }
    }

    private static async Task InsertEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AtomicWrite> writes,
        Exception?[] rejections, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var rows = new MultiRowInsert(batch);
        for (int i = 0; i < writes.Count; i++)
        {
            if (rejections[i] is not null)
                continue;
            AtomicWrite write = writes[i];
            foreach (JournalEvent e in write.Events)
                rows.Add(write.PersistenceId, e.SequenceNr, write.Epoch, e.Manifest, e.Payload);
        }

        rows.Flush();
        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
