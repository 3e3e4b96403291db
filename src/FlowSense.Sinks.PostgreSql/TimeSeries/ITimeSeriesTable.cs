using FlowSense.Sinks.PostgreSql.BinaryCopy;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// How rows of one type land in one day-partitioned table (migrations 0003 and 0004): the table, its columns in COPY
/// order, the row's natural key (series and position), and the binary encoding of a row.
/// </summary>
/// <typeparam name="TRow">The row type, usually a domain event.</typeparam>
public interface ITimeSeriesTable<TRow>
{
    /// <summary>The partitioned parent table.</summary>
    string Name { get; }

    /// <summary>The columns written, in the order <see cref="WriteRow"/> writes them.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>The columns of the natural key (series columns, then the time column, then the sequence column if any).</summary>
    IReadOnlyList<string> KeyColumns { get; }

    /// <summary>The partition-key column, holding <see cref="SeriesPosition.TimeNs"/>.</summary>
    string TimeColumn { get; }

    /// <summary>The series the row belongs to.</summary>
    SeriesKey SeriesOf(in TRow row);

    /// <summary>The row's place in its series; its time picks the day partition.</summary>
    SeriesPosition PositionOf(in TRow row);

    /// <summary>Writes the row's <see cref="Columns"/>, in order (the caller has started the row).</summary>
    void WriteRow(CopyRowWriter writer, in TRow row);
}
