using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>
/// Acknowledgements counted from many threads at once (into per-processor cells) sum exactly, and a reader running
/// meanwhile never sees a count go backwards.
/// </summary>
public sealed class IngestionCountersTests
{
    private const int Threads = 6;
    private const int AcksPerThread = 50_000;

    [Fact]
    public async Task Acknowledgements_from_many_threads_sum_exactly_and_never_go_backwards()
    {
        var counters = new IngestionCounters();
        using var start = new Barrier(Threads + 1);
        var writers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(() =>
        {
            // Each thread its own mix of outcomes, so a count added to the wrong total shows.
            var ack = new SymbolEventsAck(new SymbolEvents());
            ack.Set(new SliceTally(Applied: t + 1, Duplicates: t % 2, Rejected: t % 3, Skipped: t == 0 ? 5 : 0, Quarantined: t == 4 ? 1 : 0));
            start.SignalAndWait();
            for (int i = 0; i < AcksPerThread; i++)
                counters.CountAck(ack);
        }, TaskCreationOptions.LongRunning)).ToArray();

        start.SignalAndWait();
        var last = counters.Snapshot();
        while (!writers.All(w => w.IsCompleted))
        {
            var now = counters.Snapshot();
            Assert.True(now.Acknowledged >= last.Acknowledged && now.Applied >= last.Applied && now.Duplicates >= last.Duplicates
                && now.Rejected >= last.Rejected && now.Skipped >= last.Skipped && now.Quarantined >= last.Quarantined, $"{last} then {now}");
            last = now;
        }
        await Task.WhenAll(writers);

        var totals = counters.Snapshot();
        long Each(Func<int, int> perAck) => Enumerable.Range(0, Threads).Sum(t => (long)perAck(t)) * AcksPerThread;
        Assert.Equal((long)Threads * AcksPerThread, totals.Acknowledged);
        Assert.Equal(Each(t => t + 1), totals.Applied);
        Assert.Equal(Each(t => t % 2), totals.Duplicates);
        Assert.Equal(Each(t => t % 3), totals.Rejected);
        Assert.Equal(5L * AcksPerThread, totals.Skipped);
        Assert.Equal((long)AcksPerThread, totals.Quarantined);
    }

    [Fact]
    public async Task A_snapshot_never_shows_more_events_acknowledged_than_delivered()
    {
        // The ingestion loop counts each batch as delivered, then its symbols acknowledge it, as fast as they can.
        var counters = new IngestionCounters();
        var ack = new SymbolEventsAck(new SymbolEvents());
        ack.Set(new SliceTally(Applied: 1, Duplicates: 0, Rejected: 0, Skipped: 0, Quarantined: 0));
        using var stop = new CancellationTokenSource();
        var ingestion = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                counters.CountBatch(events: 1, skippedOnResume: 0, delivered: 1, slices: 1);
                counters.CountAck(ack);
            }
        }, TaskCreationOptions.LongRunning);

        try
        {
            for (int i = 0; i < 200_000; i++)
            {
                var s = counters.Snapshot();
                long acknowledged = s.Applied + s.Duplicates + s.Rejected + s.Skipped + s.Quarantined;
                Assert.True(s.Delivered >= acknowledged && s.Slices >= s.Acknowledged, $"{s}: {s.Delivered - acknowledged} events in flight");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await ingestion;
        }
    }
}
