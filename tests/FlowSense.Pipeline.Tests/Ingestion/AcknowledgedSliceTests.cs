using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>
/// The acknowledgement observer sees every delivered event exactly once, after its symbol applied it and while the
/// slice is still readable; and a replay run recycles its source batches, so the replay stops allocating arrays.
/// </summary>
public sealed class AcknowledgedSliceTests() : FlowSense.Actors.TestKit.TestKit(defaultTimeout: TimeSpan.FromSeconds(30))
{
    [Fact]
    public async Task The_observer_sees_each_delivered_event_once_and_the_replay_reuses_its_batch_arrays()
    {
        var expected = await Recorded.EventsOf(Recorded.Lobster(batchSize: 16));
        var shards = SymbolShards.Start(Sys, new SymbolCatalog().Add(Recorded.LobsterSettings), new ShardingOptions { ShardCount = 4 });
        var seen = new List<long>();
        var replay = Recorded.Lobster(batchSize: 16);
        var run = IngestionPipeline.Run(replay, shards, new IngestionOptions
        {
            Name = "observed",
            MaxBatchesInFlight = 2,
            OnAcknowledged = ack =>
            {
                lock (seen)
                {
                    foreach (var e in ack.Events.Events)
                        seen.Add(e.Header.Sequence);
                }
            },
        });
        var totals = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(expected.Count, totals.Delivered);
        Assert.Equal(expected.Select(e => e.Header.Sequence).Order(), seen.Order());
        // One array per batch in flight, plus the one being filled, whatever the number of batches (here 70).
        Assert.True(totals.Batches > 60);
        Assert.InRange(replay.Counters.BatchArraysAllocated, 1, 4);
    }
}
