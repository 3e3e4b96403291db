using System.Buffers.Text;

namespace FlowSense.Feeds.Lobster;

/// <summary>
/// Walks the comma-separated fields of one line and parses numbers straight from the UTF-8 bytes
/// (no strings, no allocation). Surrounding spaces are tolerated.
/// </summary>
internal ref struct CsvFields
{
    private ReadOnlySpan<byte> _rest;
    private bool _exhausted;

    public CsvFields(ReadOnlySpan<byte> line)
    {
        _rest = line;
        _exhausted = false;
    }

    /// <summary>True once every field has been taken.</summary>
    public readonly bool AtEnd => _exhausted;

    /// <summary>How many fields the line has (counts commas; does not move).</summary>
    public static int Count(ReadOnlySpan<byte> line) => line.Count((byte)',') + 1;

    public bool TryNext(out ReadOnlySpan<byte> field)
    {
        if (_exhausted)
        {
            field = default;
            return false;
        }
        int comma = _rest.IndexOf((byte)',');
        if (comma < 0)
        {
            field = _rest.Trim((byte)' ');
            _rest = default;
            _exhausted = true;
        }
        else
        {
            field = _rest[..comma].Trim((byte)' ');
            _rest = _rest[(comma + 1)..];
        }
        return true;
    }

    public bool TryNextLong(out long value)
    {
        value = 0;
        return TryNext(out ReadOnlySpan<byte> field) && Utf8Parser.TryParse(field, out value, out int used) && used == field.Length && used > 0;
    }

    /// <summary>
    /// Parses non-negative decimal seconds ("34200.004241176") into whole nanoseconds, exactly: digits beyond the
    /// ninth decimal are refused rather than rounded, since LOBSTER promises at most nanoseconds.
    /// </summary>
    public bool TryNextSecondsAsNanoseconds(out long nanoseconds)
    {
        nanoseconds = 0;
        if (!TryNext(out ReadOnlySpan<byte> field) || field.IsEmpty)
            return false;
        int dot = field.IndexOf((byte)'.');
        ReadOnlySpan<byte> whole = dot < 0 ? field : field[..dot];
        ReadOnlySpan<byte> fraction = dot < 0 ? default : field[(dot + 1)..];
        if (whole.IsEmpty || fraction.Length > 9 || !AllDigits(whole) || !AllDigits(fraction) || whole.Length > 9)
            return false;
        long seconds = 0;
        foreach (byte b in whole)
            seconds = seconds * 10 + (b - '0');
        long fractionNs = 0;
        for (int i = 0; i < 9; i++)
            fractionNs = fractionNs * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        nanoseconds = seconds * 1_000_000_000L + fractionNs;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
