namespace FlowSense.Feeds.Lean;

/// <summary>One row a LEAN reader could not parse: its 1-based line number in the CSV and why.</summary>
public readonly record struct MalformedRow(int LineNumber, string Reason);

/// <summary>
/// What a LEAN reader saw: rows read, rows parsed, and every malformed row (the first
/// <see cref="MaxRecordedRows"/> of them with line numbers; all of them counted). Readers never throw on a row.
/// </summary>
public sealed class LeanReadReport
{
    /// <summary>How many malformed rows are kept with their line numbers.</summary>
    public const int MaxRecordedRows = 1_000;

    private readonly List<MalformedRow> _malformed = [];

    /// <summary>Non-empty lines read.</summary>
    public int Rows { get; private set; }

    /// <summary>Rows turned into events or bars.</summary>
    public int Parsed { get; private set; }

    /// <summary>Rows that could not be parsed.</summary>
    public int MalformedCount { get; private set; }

    /// <summary>The first <see cref="MaxRecordedRows"/> malformed rows.</summary>
    public IReadOnlyList<MalformedRow> Malformed => _malformed;

    internal void Row() => Rows++;

    internal void Ok() => Parsed++;

    internal void Bad(int lineNumber, string reason)
    {
        MalformedCount++;
        if (_malformed.Count < MaxRecordedRows)
            _malformed.Add(new MalformedRow(lineNumber, reason));
    }

    public override string ToString() => $"{Rows} rows, {Parsed} parsed, {MalformedCount} malformed";
}
