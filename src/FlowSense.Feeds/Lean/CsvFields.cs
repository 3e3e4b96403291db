using System.Globalization;

namespace FlowSense.Feeds.Lean;

/// <summary>Walks the comma-separated fields of one line without allocating.</summary>
internal ref struct CsvFields(ReadOnlySpan<char> line)
{
    private ReadOnlySpan<char> _rest = line;
    private bool _done;

    public bool TryNext(out ReadOnlySpan<char> field)
    {
        if (_done)
        {
            field = default;
            return false;
        }
        int comma = _rest.IndexOf(',');
        if (comma < 0)
        {
            field = _rest.Trim();
            _done = true;
        }
        else
        {
            field = _rest[..comma].Trim();
            _rest = _rest[(comma + 1)..];
        }
        return true;
    }

    public bool TryLong(out long value)
    {
        value = 0;
        return TryNext(out ReadOnlySpan<char> field)
            && long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads an integer that some LEAN files write with a decimal point or exponent (volumes).</summary>
    public bool TryWholeNumber(out long value)
    {
        value = 0;
        if (!TryNext(out ReadOnlySpan<char> field))
            return false;
        if (long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return true;
        if (!decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) || d != decimal.Truncate(d))
            return false;
        value = (long)d;
        return true;
    }

    public bool TryHex(out uint value)
    {
        value = 0;
        return TryNext(out ReadOnlySpan<char> field)
            && uint.TryParse(field, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    public bool TryChar(out char value)
    {
        value = default;
        if (!TryNext(out ReadOnlySpan<char> field) || field.Length != 1)
            return false;
        value = field[0];
        return true;
    }

    /// <summary>True when every field has been read (a row with extra fields is malformed).</summary>
    public readonly bool AtEnd => _done;
}
