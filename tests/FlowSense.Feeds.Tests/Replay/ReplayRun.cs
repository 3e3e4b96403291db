using FlowSense.Actors.Streams;
using FlowSense.Feeds.Replay;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Tests.Replay;

/// <summary>Runs a replay to the end and flattens its batches; and reads a codec directly into the same event form.</summary>
internal static class ReplayRun
{
    public static async Task<List<MarketEvent>> Events(ReplaySource replay, Materializer? materializer = null)
    {
        var batches = await replay.Source.RunWith(Sink.ToList<EventBatch>(), materializer).Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(batches, b => Assert.True(b.Count > 0, "a replay never emits an empty batch"));
        return [.. batches.SelectMany(b => b.Events.ToArray())];
    }

    /// <summary>What a codec delivers when driven directly, in delivery order.</summary>
    public static List<MarketEvent> Direct(Action<IMarketEventSink> read)
    {
        var sink = new EventBatchSink(1024);
        read(sink);
        return [.. sink.TakeBatch()?.Events.ToArray() ?? []];
    }

    public static Dictionary<MarketEventKind, int> CountByKind(IEnumerable<MarketEvent> events) =>
        events.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
}
