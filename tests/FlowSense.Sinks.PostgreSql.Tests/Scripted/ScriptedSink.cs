using FlowSense.MarketData.Events;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Sinks.PostgreSql.Tests.Scripted;

/// <summary>A trades sink over a <see cref="ScriptedLoader"/> and a <see cref="ManualTime"/>: no database, no real waiting.</summary>
internal sealed class ScriptedSink : IAsyncDisposable
{
    /// <summary>Never reached unless a test advances the clock that far: batches end when full or flushed.</summary>
    public static readonly TimeSpan NoFlushInterval = TimeSpan.FromHours(1);

    public ScriptedSink(TimeSeriesSinkOptions options, ITimeSeriesTable<Trade>? table = null)
    {
        Sink = new TimeSeriesSink<Trade>(table ?? new TradesTable(), options with { FlushInterval = NoFlushInterval }, Log, Time, "scripted", _ => Loader);
    }

    public ScriptedLoader Loader { get; } = new();

    public ManualTime Time { get; } = new();

    public RecordingLogger Log { get; } = new();

    public TimeSeriesSink<Trade> Sink { get; }

    public ValueTask DisposeAsync() => Sink.DisposeAsync();
}
