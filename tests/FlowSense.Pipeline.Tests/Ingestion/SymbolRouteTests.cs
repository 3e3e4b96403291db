using FlowSense.Actors.Cluster.Sharding;
using FlowSense.Pipeline.Ingestion;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Tests.Ingestion;

/// <summary>
/// An ingestion run tells each symbol actor directly, pinned against passivation while the run lasts; at the end it
/// gives the pins back, so an idle symbol is passivated as usual afterwards.
/// </summary>
public sealed class SymbolRouteTests() : FlowSense.Actors.TestKit.TestKit(virtualTime: true, defaultTimeout: TimeSpan.FromSeconds(30))
{
    [Fact]
    public async Task After_a_run_its_directly_routed_symbols_are_released_for_passivation()
    {
        var expected = await Recorded.EventsOf(Recorded.Lobster(batchSize: 64));
        var shards = SymbolShards.Start(Sys, new SymbolCatalog().Add(Recorded.LobsterSettings),
            new ShardingOptions { ShardCount = 4, PassivateIdleAfter = TimeSpan.FromMinutes(1) });

        var totals = await IngestionPipeline.Run(Recorded.Lobster(batchSize: 64), shards, new IngestionOptions { Name = "routed" })
            .Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(expected.Count, totals.Delivered);
        Assert.Equal(totals.Slices, totals.Acknowledged);
        string id = SymbolKey.EntityId(Recorded.LobsterSettings.Instrument.Id);
        AwaitAssert(() =>
        {
            Time.Advance(TimeSpan.FromMinutes(2)); // once the release has reached the shard, the idle symbol goes
            shards.Region.Tell(GetShardRegionState.Instance, TestActor.Ref);
            var entity = ExpectMsg<ShardRegionState>().Find(id)!;
            Assert.Equal((1, 1), (entity.Incarnations, entity.Passivations));
        });
    }
}
