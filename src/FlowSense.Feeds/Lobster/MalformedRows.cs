namespace FlowSense.Feeds.Lobster;

/// <summary>A row a reader could not decode, by its 1-based line number in the file.</summary>
public readonly record struct MalformedRow(long LineNumber, string Reason);

/// <summary>
/// Every row a reader skipped: counted in full, the first <see cref="KeepFirst"/> kept with their line numbers so a
/// bad file can be diagnosed without holding millions of entries.
/// </summary>
public sealed class MalformedRows
{
    /// <summary>How many rows are kept with their details.</summary>
    public const int KeepFirst = 100;

    private readonly List<MalformedRow> _rows = [];

    /// <summary>How many rows were skipped.</summary>
    public long Count { get; private set; }

    /// <summary>The first <see cref="KeepFirst"/> skipped rows.</summary>
    public IReadOnlyList<MalformedRow> First => _rows;

    internal void Add(long lineNumber, string reason)
    {
        Count++;
        if (_rows.Count < KeepFirst)
            _rows.Add(new MalformedRow(lineNumber, reason));
    }
}
