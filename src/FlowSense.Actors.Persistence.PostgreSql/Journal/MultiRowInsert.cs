using Npgsql;
using NpgsqlTypes;

namespace FlowSense.Actors.Persistence.PostgreSql.Journal;

/// <summary>
/// Turns journal rows into multi-row INSERT statements of a few fixed sizes (1000, 100, 10 and 1 rows), so that
/// every statement text repeats and stays prepared on the connection, whatever the batch size.
/// </summary>
internal sealed class MultiRowInsert(NpgsqlBatch batch)
{
    private static readonly int[] ChunkSizes = [1000, 100, 10, 1];
    private static readonly string[] ChunkSql = [.. ChunkSizes.Select(BuildSql)];

    private readonly List<Row> _pending = new(ChunkSizes[0]);

    /// <summary>Queues one row; full chunks become statements at once.</summary>
    public void Add(string persistenceId, long sequenceNr, long epoch, string manifest, ReadOnlyMemory<byte> payload)
    {
        _pending.Add(new Row(persistenceId, sequenceNr, epoch, manifest, payload));
        if (_pending.Count == ChunkSizes[0])
        {
            AddStatement(0, 0);
            _pending.Clear();
        }
    }

    /// <summary>Turns the remaining rows into statements of the smaller sizes.</summary>
    public void Flush()
    {
        int offset = 0;
        for (int size = 1; size < ChunkSizes.Length; size++)
        {
            while (_pending.Count - offset >= ChunkSizes[size])
            {
                AddStatement(size, offset);
                offset += ChunkSizes[size];
            }
        }

        _pending.Clear();
    }

    private void AddStatement(int sizeIndex, int offset)
    {
        var command = new NpgsqlBatchCommand(ChunkSql[sizeIndex]);
        for (int i = 0; i < ChunkSizes[sizeIndex]; i++)
        {
            Row row = _pending[offset + i];
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.PersistenceId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.SequenceNr, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Epoch, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Manifest, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = row.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        }

        batch.BatchCommands.Add(command);
    }

    private static string BuildSql(int rows)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO journal (persistence_id, sequence_nr, epoch, manifest, payload) VALUES ");
        for (int r = 0; r < rows; r++)
        {
            int p = (r * 5) + 1;
            sql.Append(r == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"(${p}, ${p + 1}, ${p + 2}, ${p + 3}, ${p + 4})");
        }

        return sql.ToString();
    }

    private readonly record struct Row(string PersistenceId, long SequenceNr, long Epoch, string Manifest, ReadOnlyMemory<byte> Payload);
}
