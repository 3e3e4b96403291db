using System.Text;

namespace FlowSense.Management.Metrics;

/// <summary>
/// OpenTelemetry names to Prometheus names, as the OpenTelemetry specification's "Prometheus and OpenMetrics
/// compatibility" section lays down: characters outside [a-zA-Z0-9_:] become '_', the unit is appended as a word
/// (s → seconds, By → bytes, annotations in braces dropped, 1 → ratio on gauges), and monotonic counters end in _total.
/// </summary>
public static class PrometheusNames
{
    /// <summary>The Prometheus metric name of an instrument.</summary>
    /// <param name="name">The instrument name, e.g. <c>flowsense.events</c>.</param>
    /// <param name="unit">Its UCUM unit, e.g. <c>s</c> or <c>{event}</c>; null or empty for none.</param>
    /// <param name="kind">How it aggregates.</param>
    public static string MetricName(string name, string? unit, MetricKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string metric = Sanitize(name, allowColon: true);
        string? unitWord = UnitWord(unit, kind);
        if (unitWord is not null && !metric.EndsWith("_" + unitWord, StringComparison.Ordinal))
            metric += "_" + unitWord;
        if (kind == MetricKind.Counter && !metric.EndsWith("_total", StringComparison.Ordinal))
            metric += "_total";
        return metric;
    }

    /// <summary>The Prometheus label name of an attribute key (<c>actor.path</c> → <c>actor_path</c>).</summary>
    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    private static string? UnitWord(string? unit, MetricKind kind)
    {
        if (string.IsNullOrWhiteSpace(unit))
            return null;
        // Annotations such as {event} carry no unit for Prometheus.
        string bare = StripAnnotations(unit);
        if (bare.Length == 0)
            return null;
        if (bare == "1")
            return kind == MetricKind.Gauge ? "ratio" : null;
        int slash = bare.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
            return $"{Word(bare[..slash])}_per_{PerWord(bare[(slash + 1)..])}";
        return Word(bare);
    }

    private static string Word(string unit) => unit switch
    {
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        _ => Sanitize(unit, allowColon: false),
    };

    private static string PerWord(string unit) => unit switch
    {
        "s" => "second",
        "m" => "minute",
        "h" => "hour",
        "d" => "day",
        _ => Word(unit),
    };

    private static string StripAnnotations(string unit)
    {
        var bare = new StringBuilder(unit.Length);
        int depth = 0;
        foreach (char c in unit)
        {
            if (c == '{') depth++;
            else if (c == '}') depth = Math.Max(0, depth - 1);
            else if (depth == 0) bare.Append(c);
        }
        return bare.ToString().Trim();
    }

    private static string Sanitize(string text, bool allowColon)
    {
        var name = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            bool valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || allowColon && c == ':';
            char next = valid ? c : '_';
            if (next == '_' && name.Length > 0 && name[^1] == '_')
                continue; // collapse runs of underscores
            name.Append(next);
        }
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
            name.Insert(0, '_');
        return name.ToString();
    }
}
