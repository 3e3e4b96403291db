namespace FlowSense.Management.Metrics;

/// <summary>How an instrument's measurements aggregate, and so which Prometheus type it is exposed as.</summary>
public enum MetricKind
{
    /// <summary>A monotonic sum (Counter, ObservableCounter): Prometheus counter, name ending in _total.</summary>
    Counter,

    /// <summary>A last value or a non-monotonic sum (Gauge, ObservableGauge, UpDownCounter): Prometheus gauge.</summary>
    Gauge,

    /// <summary>A distribution (Histogram): Prometheus histogram with cumulative buckets, _sum and _count.</summary>
    Histogram,
}
