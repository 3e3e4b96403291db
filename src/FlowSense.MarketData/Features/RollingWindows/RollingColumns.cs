using System.Runtime.InteropServices;
using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// Several rolling sums of doubles that always advance together (a regression's Σx, Σy, Σx², Σxy; the post-trade
/// averages): the last <see cref="Capacity"/> rows of K values and the K column sums, in one array. Each column is
/// exactly a <see cref="RollingSum{T}"/> of double fed the same values — the same running sum, the same periodic
/// re-summation in storage order, the same checkpoint section (one per column) — but an add touches one array
/// instead of K objects and K arrays, which is most of what it costs when the owner is out of cache.
/// A mutable struct, inlined into its owner: hold it in a non-readonly field.
/// </summary>
public struct RollingColumns
{
    // The K sums first (they share the array's first line with its header), then one row of K values per add.
    private readonly double[] _values;
    private readonly int _columns;
    private int _next;
    private int _addsSinceExactSum;

    /// <param name="columns">K, the sums kept.</param>
    /// <param name="capacity">The rows (adds) each sum covers.</param>
    public RollingColumns(int columns, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _columns = columns;
        Capacity = capacity;
        _values = new double[checked(columns * (capacity + 1))];
    }

    public readonly int Capacity { get; }

    /// <summary>Rows the window holds (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    public readonly bool IsFull => Count == Capacity;

    /// <summary>The sum of column <paramref name="column"/> over the rows held.</summary>
    public readonly double Sum(int column) => _values[CheckedColumn(column)];

    /// <summary>Adds one row, one value per column.</summary>
    public void Add(ReadOnlySpan<double> row)
    {
        int k = _columns;
        if (row.Length != k)
            throw new ArgumentException($"A row holds {k} values, not {row.Length}.", nameof(row));
        Span<double> sums = _values.AsSpan(0, k);
        Span<double> slot = _values.AsSpan(k * (1 + _next), k);
        bool evicting = Count == Capacity;
        for (int c = 0; c < k; c++)
        {
            // As RollingSum does it, so each column's sum has the same bits.
            double sum = sums[c];
            if (evicting)
                sum -= slot[c];
            slot[c] = row[c];
            sums[c] = sum + row[c];
        }
        if (!evicting)
            Count++;
        _next = _next + 1 == Capacity ? 0 : _next + 1;
        if (++_addsSinceExactSum == Capacity)
            RecomputeSums();
    }

    /// <summary>Writes one <see cref="CheckpointSection.RollingSumDouble"/> section per column, in column order.</summary>
    public readonly void WriteCheckpoint(ref CheckpointWriter writer)
    {
        var position = new RollingPosition(Count, _next, _addsSinceExactSum);
        ReadOnlySpan<long> bits = MemoryMarshal.Cast<double, long>(_values);
        for (int c = 0; c < _columns; c++)
            RollingSumSection.Write(ref writer, CheckpointSection.RollingSumDouble, Capacity, position, bits[c], bits[(_columns + c)..], _columns);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote; the columns must agree on their position.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        Array.Clear(_values);
        Span<long> bits = MemoryMarshal.Cast<double, long>(_values.AsSpan());
        RollingPosition position = default;
        for (int c = 0; c < _columns; c++)
        {
            RollingPosition read = RollingSumSection.Read(ref reader, CheckpointSection.RollingSumDouble, Capacity, out bits[c], bits[(_columns + c)..], _columns);
            if (c > 0 && read != position)
                throw reader.Corrupt($"rolling sums kept together disagree on their position ({position} and {read})");
            position = read;
        }
        Count = position.Count;
        _next = position.Next;
        _addsSinceExactSum = position.AddsSinceExactSum;
    }

    /// <summary>Recomputes every sum from its column, adding in storage order as <see cref="RollingSum{T}"/> does.</summary>
    private void RecomputeSums()
    {
        int k = _columns;
        for (int c = 0; c < k; c++)
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
                sum += _values[k * (1 + i) + c];
            _values[c] = sum;
        }
        _addsSinceExactSum = 0;
    }

    private readonly int CheckedColumn(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns);
        return column;
    }
}
