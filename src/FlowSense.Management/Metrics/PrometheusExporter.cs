using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace FlowSense.Management.Metrics;

/// <summary>
/// Listens to the OpenTelemetry instruments (System.Diagnostics.Metrics) of the selected meters and writes them in
/// the Prometheus text exposition format 0.0.4 on demand. It stands in for the OpenTelemetry Prometheus exporter,
/// which this project's package source does not carry: counters are cumulative sums, histograms use the
/// instrument's advised bucket bounds (else OpenTelemetry's defaults), and observable instruments are read at each
/// scrape.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of <see cref="Scrape"/>'s text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>OpenTelemetry's default explicit bucket bounds for a histogram without advice.</summary>
    public static IReadOnlyList<double> DefaultBuckets { get; } = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();
    private readonly Lock _instrumentsLock = new();
    private readonly List<InstrumentSeries> _instruments = [];
    private readonly Lock _scrape = new();

    /// <summary>Listens to every meter whose name is <paramref name="meterNames"/> or starts with one of them followed by a dot.</summary>
    public PrometheusExporter(params string[] meterNames)
    {
        ArgumentNullException.ThrowIfNull(meterNames);
        if (meterNames.Length == 0)
            throw new ArgumentException("Name at least one meter.", nameof(meterNames));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meterNames.Any(n => IsSelected(instrument.Meter.Name, n)))
                listener.EnableMeasurementEvents(instrument, Track(instrument));
        };
        _listener.MeasurementsCompleted = (instrument, state) =>
        {
            lock (_instrumentsLock)
                _instruments.Remove((InstrumentSeries)state!);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and writes every series in Prometheus text format.</summary>
    public string Scrape()
    {
        var text = new StringBuilder(4096);
        lock (_scrape)
        {
            InstrumentSeries[] instruments;
            lock (_instrumentsLock)
                instruments = [.. _instruments];
            foreach (InstrumentSeries instrument in instruments)
                instrument.ClearObserved();
            _listener.RecordObservableInstruments();
            foreach (IGrouping<string, InstrumentSeries> family in instruments.GroupBy(Name))
                WriteFamily(text, family.Key, [.. family]);
        }
        return text.ToString();
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static bool IsSelected(string meter, string selected) =>
        string.Equals(meter, selected, StringComparison.Ordinal)
        || meter.Length > selected.Length && meter.StartsWith(selected, StringComparison.Ordinal) && meter[selected.Length] == '.';

    private InstrumentSeries Track(Instrument instrument)
    {
        (MetricKind kind, bool observable) = Classify(instrument);
        var series = new InstrumentSeries(instrument, kind, observable, kind == MetricKind.Histogram ? Buckets(instrument) : []);
        lock (_instrumentsLock)
            _instruments.Add(series);
        return series;
    }

    private static (MetricKind Kind, bool Observable) Classify(Instrument instrument)
    {
        Type type = instrument.GetType();
        Type definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (definition == typeof(Counter<>)) return (MetricKind.Counter, false);
        if (definition == typeof(ObservableCounter<>)) return (MetricKind.Counter, true);
        if (definition == typeof(Histogram<>)) return (MetricKind.Histogram, false);
        return (MetricKind.Gauge, instrument.IsObservable);
    }

    private static double[] Buckets(Instrument instrument)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        return [.. (advised ?? DefaultBuckets).Order()];
    }

    private static string Name(InstrumentSeries s) => PrometheusNames.MetricName(s.Instrument.Name, s.Instrument.Unit, s.Kind);

    private static void WriteFamily(StringBuilder text, string name, IReadOnlyList<InstrumentSeries> instruments)
    {
        InstrumentSeries first = instruments[0];
        string help = first.Instrument.Description ?? first.Instrument.Name;
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(first.Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        foreach (InstrumentSeries instrument in instruments)
        {
            foreach (InstrumentSeries.Series series in instrument.Snapshot())
            {
                lock (series)
                {
                    if (instrument.Kind == MetricKind.Histogram)
                        WriteHistogram(text, name, instrument.BucketBounds, series);
                    else
                        WriteSample(text, name, series.Tags, null, series.Value);
                }
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, double[] bounds, InstrumentSeries.Series series)
    {
        long cumulative = 0;
        for (int i = 0; i <= bounds.Length; i++)
        {
            cumulative += series.Counts[i];
            string le = i < bounds.Length ? Number(bounds[i]) : "+Inf";
            WriteSample(text, name + "_bucket", series.Tags, le, cumulative);
        }
        WriteSample(text, name + "_sum", series.Tags, null, series.Value);
        WriteSample(text, name + "_count", series.Tags, null, series.Count);
    }

    private static void WriteSample(StringBuilder text, string name, KeyValuePair<string, object?>[] tags, string? le, double value)
    {
        text.Append(name);
        if (tags.Length > 0 || le is not null)
        {
            text.Append('{');
            bool first = true;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (!first) text.Append(',');
                first = false;
                text.Append(PrometheusNames.LabelName(tag.Key)).Append("=\"").Append(EscapeLabel(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")).Append('"');
            }
            if (le is not null)
                text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
            text.Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
