namespace FlowSense.Cli.Symbol;

/// <summary>
/// The known symbols closest to one a user typed: a case-insensitive match on the whole name or on the part after
/// the venue (<c>ibm</c> finds <c>USA:IBM</c>), names containing what was typed, then small edit distances.
/// </summary>
public static class SymbolMatches
{
    /// <summary>Up to <paramref name="count"/> of <paramref name="known"/>, closest first.</summary>
    public static IEnumerable<string> Closest(string typed, IEnumerable<string> known, int count)
    {
        ArgumentNullException.ThrowIfNull(typed);
        string wanted = typed.Trim().ToUpperInvariant();
        return known
            .Select(k => (Symbol: k, Score: Score(wanted, k.ToUpperInvariant())))
            .Where(m => m.Score < int.MaxValue)
            .OrderBy(m => m.Score).ThenBy(m => m.Symbol, StringComparer.Ordinal)
            .Take(count)
            .Select(m => m.Symbol);
    }

    private static int Score(string typed, string known)
    {
        string bare = known[(known.IndexOf(':', StringComparison.Ordinal) + 1)..];
        string typedBare = typed[(typed.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (known == typed || bare == typedBare)
            return 0;
        if (known.Contains(typedBare, StringComparison.Ordinal) || typedBare.Contains(bare, StringComparison.Ordinal))
            return 1;
        int distance = Distance(typedBare, bare);
        return distance <= Math.Max(1, bare.Length / 3) ? 1 + distance : int.MaxValue;
    }

    /// <summary>Levenshtein distance (two rows).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
