using System.Diagnostics.Metrics;

namespace FlowSense.Management.Metrics;

/// <summary>
/// The aggregated state of one instrument: one series per distinct attribute set. Recording finds its series by a
/// linear scan over an immutable array (instruments here carry few attribute sets), so recording to an existing
/// series allocates nothing; only a new attribute set copies the array.
/// </summary>
internal sealed class InstrumentSeries
{
    private readonly Lock _grow = new();
    private Series[] _series = [];

    public InstrumentSeries(Instrument instrument, MetricKind kind, bool isObservable, double[] bucketBounds)
    {
        Instrument = instrument;
        Kind = kind;
        IsObservable = isObservable;
        BucketBounds = bucketBounds;
        IsSum = kind == MetricKind.Counter || IsUpDownCounter(instrument);
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    /// <summary>True for observable instruments: their callbacks report the whole current value each collection.</summary>
    public bool IsObservable { get; }

    /// <summary>True when synchronous measurements add up (counters); false when each replaces the last (gauges).</summary>
    public bool IsSum { get; }

    /// <summary>Histogram bucket upper bounds, ascending (empty for other kinds).</summary>
    public double[] BucketBounds { get; }

    public IReadOnlyList<Series> Snapshot() => Volatile.Read(ref _series);

    /// <summary>Forgets observable values before a collection, so a series that is no longer reported disappears.</summary>
    public void ClearObserved()
    {
        if (IsObservable)
            Volatile.Write(ref _series, []);
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Series series = Find(tags);
        lock (series)
        {
            switch (Kind)
            {
                case MetricKind.Histogram:
                    series.Counts[BucketIndex(value)]++;
                    series.Count++;
                    series.Value += value;
                    break;
                default:
                    // An observable callback reports the current total; a synchronous counter reports an increment.
                    series.Value = IsSum && !IsObservable ? series.Value + value : value;
                    break;
            }
        }
    }

    private int BucketIndex(double value)
    {
        // Prometheus buckets are "less than or equal": the first bound >= value.
        int index = Array.BinarySearch(BucketBounds, value);
        return index >= 0 ? index : ~index;
    }

    private Series Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (Series s in Volatile.Read(ref _series))
        {
            if (s.Matches(tags))
                return s;
        }
        lock (_grow)
        {
            foreach (Series s in _series)
            {
                if (s.Matches(tags))
                    return s;
            }
            var added = new Series(tags.ToArray(), Kind == MetricKind.Histogram ? BucketBounds.Length + 1 : 0);
            Volatile.Write(ref _series, [.. _series, added]);
            return added;
        }
    }

    private static bool IsUpDownCounter(Instrument instrument)
    {
        Type type = instrument.GetType();
        if (!type.IsGenericType)
            return false;
        Type definition = type.GetGenericTypeDefinition();
        return definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>);
    }

    /// <summary>One attribute set's aggregate; read and written under its own lock.</summary>
    internal sealed class Series(KeyValuePair<string, object?>[] tags, int buckets)
    {
        public KeyValuePair<string, object?>[] Tags { get; } = tags;

        /// <summary>The sum (counters, histograms) or the last value (gauges).</summary>
        public double Value { get; set; }

        /// <summary>Histogram: observations.</summary>
        public long Count { get; set; }

        /// <summary>Histogram: observations per bucket (not cumulative); the last is +Inf.</summary>
        public long[] Counts { get; } = new long[buckets];

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length != Tags.Length)
                return false;
            for (int i = 0; i < tags.Length; i++)
            {
                if (!string.Equals(tags[i].Key, Tags[i].Key, StringComparison.Ordinal) || !Equals(tags[i].Value, Tags[i].Value))
                    return false;
            }
            return true;
        }
    }
}
