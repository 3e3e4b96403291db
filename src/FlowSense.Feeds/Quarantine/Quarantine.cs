namespace FlowSense.Feeds.Quarantine;

/// <summary>
/// A bounded, rotating store of rejected inputs with exact counts per category. Codecs hand it every input they
/// refuse, so nothing vanishes silently: the count is exact even after the bytes themselves have rotated out.
/// Thread-safe; rejects are rare, so a lock is cheaper to reason about than anything clever.
/// </summary>
public sealed class Quarantine(QuarantineOptions? options = null)
{
    private readonly QuarantineOptions _options = options ?? new QuarantineOptions();
    private readonly Queue<QuarantinedInput> _kept = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Raised once for the first input of each (source, category), so a log records it with context once, not per input.</summary>
    public event Action<QuarantinedInput>? FirstOfCategory;

    public long Total { get; private set; }

    public void Add(string source, string category, long position, ReadOnlySpan<byte> bytes)
    {
        var input = new QuarantinedInput(source, category, position,
            bytes[..Math.Min(bytes.Length, _options.MaxBytesPerInput)].ToArray(), bytes.Length, DateTimeOffset.UtcNow);
        bool first;
        lock (_gate)
        {
            Total++;
            string key = source + "\n" + category;
            first = !_counts.TryGetValue(key, out long n);
            _counts[key] = n + 1;
            if (_kept.Count == _options.Capacity)
                _kept.Dequeue();
            _kept.Enqueue(input);
        }
        if (first)
            FirstOfCategory?.Invoke(input);
    }

    /// <summary>Exact counts of everything ever quarantined, by category (summed over sources).</summary>
    public IReadOnlyDictionary<string, long> CountsByCategory()
    {
        lock (_gate)
        {
            var byCategory = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (key, n) in _counts)
            {
                string category = key[(key.IndexOf('\n', StringComparison.Ordinal) + 1)..];
                byCategory[category] = byCategory.GetValueOrDefault(category) + n;
            }
            return byCategory;
        }
    }

    /// <summary>The inputs still held, oldest first.</summary>
    public IReadOnlyList<QuarantinedInput> Snapshot()
    {
        lock (_gate)
            return [.. _kept];
    }
}
