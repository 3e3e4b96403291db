using Npgsql;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// How rows of one type land in one day-partitioned table (created by migration 0003): the table, its columns in
/// COPY order, the time that picks the partition, and the binary encoding of a row.
/// </summary>
/// <typeparam name="TRow">The row type, usually a domain event.</typeparam>
public interface ITimeSeriesTable<TRow>
{
    /// <summary>The partitioned parent table.</summary>
    string Name { get; }

    /// <summary>The columns written, in the order <see cref="WriteRow"/> writes them.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>The partition-key value of the row: nanoseconds since the Unix epoch (UTC).</summary>
    long TimeNsOf(in TRow row);

    /// <summary>Writes one row's columns (after the caller started the row).</summary>
    void WriteRow(NpgsqlBinaryImporter importer, in TRow row);
}
