using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using FlowSense.Management.Metrics;
using FlowSense.Management.Tests.Endpoint;

namespace FlowSense.Management.Tests.Metrics;

/// <summary>
/// The exposition text: HELP and TYPE once per family, counters summed, gauges observed at scrape time, histogram
/// buckets cumulative with +Inf, _sum and _count, labels escaped; every line valid exposition-format 0.0.4.
/// </summary>
public sealed partial class PrometheusExporterTests
{
    // Each test uses its own meter name so parallel tests never see each other's instruments.
    private static string MeterName() => "FlowSense.Tests." + Guid.NewGuid().ToString("N");

    [Fact]
    public void A_counter_is_a_summed_total_with_help_and_type()
    {
        string meterName = MeterName();
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        Counter<long> events = meter.CreateCounter<long>("flowsense.events", "{event}", "Events taken in.");
        events.Add(3);
        events.Add(4);
        events.Add(5, new KeyValuePair<string, object?>("source", "ibm"));

        string text = exporter.Scrape();

        Assert.Equal(
            "# HELP flowsense_events_total Events taken in.\n" +
            "# TYPE flowsense_events_total counter\n" +
            "flowsense_events_total 7\n" +
            "flowsense_events_total{source=\"ibm\"} 5\n",
            text);
    }

    [Fact]
    public void A_histogram_has_cumulative_buckets_from_the_advice_and_sum_and_count()
    {
        string meterName = MeterName();
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        Histogram<double> latency = meter.CreateHistogram("flowsense.event_to_feature.duration", "s", "Event to feature.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.1] });
        foreach (double seconds in new[] { 0.0005, 0.001, 0.002, 0.05, 0.5, 2 })
            latency.Record(seconds);

        string text = exporter.Scrape();

        Assert.Equal(
            "# HELP flowsense_event_to_feature_duration_seconds Event to feature.\n" +
            "# TYPE flowsense_event_to_feature_duration_seconds histogram\n" +
            "flowsense_event_to_feature_duration_seconds_bucket{le=\"0.001\"} 2\n" + // le is inclusive: 0.001 counts
            "flowsense_event_to_feature_duration_seconds_bucket{le=\"0.01\"} 3\n" +
            "flowsense_event_to_feature_duration_seconds_bucket{le=\"0.1\"} 4\n" +
            "flowsense_event_to_feature_duration_seconds_bucket{le=\"+Inf\"} 6\n" +
            "flowsense_event_to_feature_duration_seconds_sum 2.5535\n" +
            "flowsense_event_to_feature_duration_seconds_count 6\n",
            text);
    }

    [Fact]
    public void A_histogram_without_advice_gets_the_OpenTelemetry_default_buckets()
    {
        string meterName = MeterName();
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        meter.CreateHistogram<long>("batch.size", "{event}").Record(300);
        string[] buckets = [.. exporter.Scrape().Split('\n').Where(l => l.StartsWith("batch_size_bucket", StringComparison.Ordinal))];
        Assert.Equal(PrometheusExporter.DefaultBuckets.Count + 1, buckets.Length);
        Assert.Equal("batch_size_bucket{le=\"250\"} 0", buckets[7]);
        Assert.Equal("batch_size_bucket{le=\"500\"} 1", buckets[8]);
    }

    [Fact]
    public void Observable_instruments_are_read_at_each_scrape_and_labels_are_escaped()
    {
        string meterName = MeterName();
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        long depth = 5, restarts = 1;
        meter.CreateObservableGauge("flowsense.mailbox.depth", () => new[]
        {
            new Measurement<long>(depth, new KeyValuePair<string, object?>("actor.path", "/user/shards")),
            new Measurement<long>(2, new KeyValuePair<string, object?>("actor.path", "/user/\"odd\"\\name\n")),
        }, "{message}", "Messages waiting.");
        meter.CreateObservableCounter("flowsense.actor.restarts", () => restarts, "{restart}", "Restarts.");

        string first = exporter.Scrape();
        depth = 9;
        restarts = 4;
        string second = exporter.Scrape();

        Assert.Contains("flowsense_mailbox_depth{actor_path=\"/user/shards\"} 5\n", first, StringComparison.Ordinal);
        Assert.Contains("flowsense_mailbox_depth{actor_path=\"/user/\\\"odd\\\"\\\\name\\n\"} 2\n", first, StringComparison.Ordinal);
        Assert.Contains("# TYPE flowsense_mailbox_depth gauge\n", first, StringComparison.Ordinal);
        Assert.Contains("flowsense_actor_restarts_total 1\n", first, StringComparison.Ordinal);
        // An observable counter reports its running total: the exporter shows it, it does not add it up.
        Assert.Contains("flowsense_mailbox_depth{actor_path=\"/user/shards\"} 9\n", second, StringComparison.Ordinal);
        Assert.Contains("flowsense_actor_restarts_total 4\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_selected_meters_are_exported()
    {
        string meterName = MeterName();
        using var exporter = new PrometheusExporter(meterName);
        using var mine = new Meter(meterName + ".Sub");
        using var other = new Meter(meterName + "X");
        mine.CreateCounter<long>("mine").Add(1);
        other.CreateCounter<long>("theirs").Add(1);
        string text = exporter.Scrape();
        Assert.Contains("mine_total 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_line_is_valid_exposition_format()
    {
        string meterName = MeterName();
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        meter.CreateCounter<double>("a.b", "s").Add(0.25, new KeyValuePair<string, object?>("k.x", "v"));
        meter.CreateUpDownCounter<int>("queue.size", "{item}").Add(-3);
        meter.CreateHistogram<double>("h", "ms").Record(12);
        meter.CreateObservableGauge("g", () => double.NaN);

        string text = exporter.Scrape();

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (string line in text.TrimEnd('\n').Split('\n'))
            Assert.Matches(ExpositionLine(), line);
        Assert.Contains("a_b_seconds_total{k_x=\"v\"} 0.25\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE queue_size gauge\nqueue_size -3\n", text, StringComparison.Ordinal);
        Assert.Contains("h_milliseconds_count 1\n", text, StringComparison.Ordinal);
        Assert.Contains("g NaN\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_serves_the_scrape_with_the_exposition_content_type()
    {
        string meterName = MeterName();
        using var meter = new Meter(meterName);
        await using var endpoint = await RunningEndpoint.StartAsync(meter: meterName);
        meter.CreateCounter<long>("flowsense.events", "{event}").Add(11);
        using var http = endpoint.Http();
        using HttpResponseMessage response = await http.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("flowsense_events_total 11\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var client = endpoint.Client();
        Assert.Contains("flowsense_events_total 11\n", await client.GetMetricsAsync(), StringComparison.Ordinal);
    }

    // A comment (HELP/TYPE) or a sample: name, optional {label="value",...}, value (float, +Inf, -Inf, NaN).
    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? ([-+]?[0-9.eE+-]+|[+-]Inf|NaN))$""")]
    private static partial Regex ExpositionLine();
}
