using FlowSense.Management.Metrics;

namespace FlowSense.Management.Tests.Metrics;

/// <summary>The OpenTelemetry specification's Prometheus naming rules, case by case.</summary>
public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("flowsense.events", "{event}", MetricKind.Counter, "flowsense_events_total")]
    [InlineData("flowsense.event_to_feature.duration", "s", MetricKind.Histogram, "flowsense_event_to_feature_duration_seconds")]
    [InlineData("flowsense.mailbox.depth", "{message}", MetricKind.Gauge, "flowsense_mailbox_depth")]
    [InlineData("process.memory.usage", "By", MetricKind.Gauge, "process_memory_usage_bytes")]
    [InlineData("replay.progress", "1", MetricKind.Gauge, "replay_progress_ratio")]
    [InlineData("requests", "1", MetricKind.Counter, "requests_total")]
    [InlineData("throughput", "By/s", MetricKind.Gauge, "throughput_bytes_per_second")]
    [InlineData("latency_seconds", "s", MetricKind.Histogram, "latency_seconds")]
    [InlineData("already_total", "", MetricKind.Counter, "already_total")]
    [InlineData("odd--name..x", null, MetricKind.Gauge, "odd_name_x")]
    [InlineData("9lives", null, MetricKind.Gauge, "_9lives")]
    public void Metric_names_follow_the_OpenTelemetry_Prometheus_rules(string name, string? unit, MetricKind kind, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(name, unit, kind));

    [Theory]
    [InlineData("actor.path", "actor_path")]
    [InlineData("venue", "venue")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    public void Label_names_replace_dots(string key, string expected) => Assert.Equal(expected, PrometheusNames.LabelName(key));
}
