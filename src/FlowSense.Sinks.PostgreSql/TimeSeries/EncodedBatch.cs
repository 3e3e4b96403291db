using FlowSense.Actors.Persistence.PostgreSql.BinaryCopy;

namespace FlowSense.Sinks.PostgreSql.TimeSeries;

/// <summary>
/// A batch of rows already in binary COPY form, with what the loader needs to route each row without decoding it:
/// where the row's bytes start, its series (an index into <see cref="Series"/>) and its position. Encoding needs no
/// database, so the sink fills one batch while the previous one loads. Arrays and buffers are kept across batches.
/// </summary>
internal sealed class EncodedBatch
{
    private readonly int _columnCount;
    private readonly Dictionary<SeriesKey, int> _seriesIndex = [];
    private readonly List<SeriesKey> _series = [];
    private readonly int[] _rowStarts;
    private readonly int[] _seriesOfRow;
    private readonly SeriesPosition[] _positions;
    private readonly List<TaskCompletionSource> _flushes = [];

    public EncodedBatch(int capacity, int columnCount)
    {
        _columnCount = columnCount;
        _rowStarts = new int[capacity + 1];
        _seriesOfRow = new int[capacity];
        _positions = new SeriesPosition[capacity];
        Writer = new CopyRowWriter(Math.Clamp(capacity * 64, 1 << 12, 1 << 24));
    }

    /// <summary>The encoded rows, back to back.</summary>
    public CopyRowWriter Writer { get; }

    /// <summary>Rows in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>Whether no more rows fit.</summary>
    public bool IsFull => Count == _seriesOfRow.Length;

    /// <summary>The distinct series of the batch, in order of first appearance.</summary>
    public IReadOnlyList<SeriesKey> Series => _series;

    /// <summary>Encodes one row at the end of the batch; if the table cannot encode it, the batch is left as it was and the exception propagates.</summary>
    public void Add<TRow>(ITimeSeriesTable<TRow> table, in TRow row)
    {
        int start = Writer.RowStart;
        try
        {
            SeriesKey series = table.SeriesOf(row);
            if (!_seriesIndex.TryGetValue(series, out int index))
            {
                index = _series.Count;
                _seriesIndex.Add(series, index);
                _series.Add(series);
            }

            _seriesOfRow[Count] = index;
            _positions[Count] = table.PositionOf(row);
            Writer.StartRow(_columnCount);
            table.WriteRow(Writer, row);
        }
        catch
        {
            Writer.Rewind(start);
            throw;
        }

        _rowStarts[Count] = start;
        Count++;
        _rowStarts[Count] = Writer.RowStart;
    }

    /// <summary>The series index of row <paramref name="row"/>.</summary>
    public int SeriesOfRow(int row) => _seriesOfRow[row];

    /// <summary>The position of row <paramref name="row"/>.</summary>
    public SeriesPosition PositionOf(int row) => _positions[row];

    /// <summary>The encoded bytes of rows [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public ReadOnlyMemory<byte> Rows(int first, int end) =>
        Writer.Written[_rowStarts[first].._rowStarts[end]];

    /// <summary>Whether a flush ended this batch (it is then loaded however few rows it holds).</summary>
    public bool HasFlushes => _flushes.Count > 0;

    /// <summary>Adds a flush to complete once this batch, and so every row offered before the flush, is settled.</summary>
    public void AddFlush(TaskCompletionSource flush) => _flushes.Add(flush);

    /// <summary>Completes the flushes waiting on this batch (after its rows are counted).</summary>
    public void ReleaseFlushes()
    {
        foreach (TaskCompletionSource flush in _flushes)
            flush.TrySetResult();
        _flushes.Clear();
    }

    /// <summary>Empties the batch for reuse.</summary>
    public void Clear()
    {
        Writer.Reset();
        _seriesIndex.Clear();
        _series.Clear();
        Count = 0;
        _rowStarts[0] = 0;
    }
}
