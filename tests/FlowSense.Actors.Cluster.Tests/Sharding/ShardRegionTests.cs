using FlowSense.Actors.Cluster.Sharding;

namespace FlowSense.Actors.Cluster.Tests.Sharding;

public sealed class ShardRegionTests() : TestKit.TestKit(virtualTime: true)
{
    private IActorRef StartRegion(ShardingOptions options, IActorRef? lifecycle = null) =>
        ShardRegion.Start(Sys, _ => Props.Create(() => new Counter(lifecycle)), options);

    [Fact]
    public void Entities_live_under_their_shard_and_are_created_on_first_message()
    {
        var lifecycle = CreateTestProbe();
        var region = StartRegion(new ShardingOptions { ShardCount = 256 }, lifecycle.Ref);

        region.Tell(new ShardEnvelope("NASDAQ:AAPL", "tick"), TestActor.Ref);
        region.Tell(new ShardEnvelope("KRAKEN:XBT/USD", "tick"), TestActor.Ref);
        // Two shards start their entities concurrently, so the order of the two announcements is free.
        string[] started = [.. new[] { lifecycle.ExpectMsg<string>(), lifecycle.ExpectMsg<string>() }.Order(StringComparer.Ordinal)];
        Assert.Equal(["started /user/shards/176/KRAKEN:XBT%2FUSD", "started /user/shards/183/NASDAQ:AAPL"], started);

        region.Tell(new Counter.Count("NASDAQ:AAPL"), TestActor.Ref);
        Assert.Equal(1, ExpectMsg<int>());
        region.Tell(GetShardRegionState.Instance, TestActor.Ref);
        var state = ExpectMsg<ShardRegionState>();
        Assert.True(state.Complete);
        Assert.Equal(2, state.Entities.Count());
        var kraken = state.Find("KRAKEN:XBT/USD")!;
        Assert.Equal($"/user/shards/{ShardId.Of("KRAKEN:XBT/USD", 256)}/KRAKEN:XBT%2FUSD", kraken.Path);
        Assert.Equal(1, kraken.Incarnations);
    }

    [Fact]
    public void An_entity_route_is_the_entity_itself_started_on_demand()
    {
        var lifecycle = CreateTestProbe();
        var region = StartRegion(new ShardingOptions { ShardCount = 256 }, lifecycle.Ref);

        region.Tell(new GetEntityRoute("NASDAQ:AAPL"), TestActor.Ref);
        var route = ExpectMsg<EntityRoute>();
        Assert.Equal("started /user/shards/183/NASDAQ:AAPL", lifecycle.ExpectMsg<string>());
        Assert.Equal("/user/shards/183/NASDAQ:AAPL", route.Target.Path.ToString());

        route.Target.Tell("tick", TestActor.Ref);
        region.Tell(new Counter.Count("NASDAQ:AAPL"), TestActor.Ref);
        Assert.Equal(1, ExpectMsg<int>()); // the entity the route reached is the one the region reaches
    }

    [Fact]
    public void A_routed_entity_is_pinned_against_passivation_until_its_route_is_released()
    {
        var lifecycle = CreateTestProbe();
        var region = StartRegion(new ShardingOptions { ShardCount = 4, PassivateIdleAfter = TimeSpan.FromSeconds(10) }, lifecycle.Ref);
        region.Tell(new GetEntityRoute("A"), TestActor.Ref);
        var route = ExpectMsg<EntityRoute>();
        lifecycle.ExpectMsg<string>();
        lifecycle.Watch(route.Target);

        Time.Advance(TimeSpan.FromSeconds(16)); // idle past the timeout and a check, but pinned
        region.Tell(new Counter.Count("A"), TestActor.Ref);
        Assert.Equal(0, ExpectMsg<int>());
        region.Tell(GetShardRegionState.Instance, TestActor.Ref);
        Assert.Equal(0, ExpectMsg<ShardRegionState>().Find("A")!.Passivations);

        region.Tell(new ReleaseEntityRoute("A"), TestActor.Ref);
        region.Tell(new Counter.Count("A"), TestActor.Ref);
        Assert.Equal(0, ExpectMsg<int>()); // the shard has taken the release (it sits before the count in its mailbox)
        Time.Advance(TimeSpan.FromSeconds(16));
        lifecycle.ExpectTerminated(route.Target);
        region.Tell(GetShardRegionState.Instance, TestActor.Ref);
        Assert.Equal(1, ExpectMsg<ShardRegionState>().Find("A")!.Passivations);
    }

    [Fact]
    public void A_failing_entity_is_restarted_by_its_shard_and_the_restart_is_counted()
    {
        var region = StartRegion(new ShardingOptions { ShardCount = 16 });
        region.Tell(new ShardEnvelope("A", "x"), TestActor.Ref);
        region.Tell(new ShardEnvelope("B", "x"), TestActor.Ref);
        region.Tell(new Counter.Boom("A"), TestActor.Ref);
        region.Tell(new Counter.Boom("A"), TestActor.Ref);
        region.Tell(new ShardEnvelope("A", "x"), TestActor.Ref);

        region.Tell(new Counter.Count("A"), TestActor.Ref);
        Assert.Equal(1, ExpectMsg<int>()); // a fresh instance after the restarts
        region.Tell(new Counter.Count("B"), TestActor.Ref);
        Assert.Equal(1, ExpectMsg<int>()); // untouched
        region.Tell(GetShardRegionState.Instance, TestActor.Ref);
        var state = ExpectMsg<ShardRegionState>();
        Assert.Equal(2, state.Find("A")!.Restarts);
        Assert.Equal(1, state.Find("A")!.Incarnations);
        Assert.Equal(0, state.Find("B")!.Restarts);
    }

    [Fact]
    public void Idle_entities_are_passivated_and_recreated_on_the_next_message()
    {
        var lifecycle = CreateTestProbe();
        var region = StartRegion(new ShardingOptions { ShardCount = 4, PassivateIdleAfter = TimeSpan.FromSeconds(10) }, lifecycle.Ref);
        region.Tell(new ShardEnvelope("A", "x"), TestActor.Ref);
        region.Tell(new Counter.Count("A"), TestActor.Ref);
        Assert.Equal(1, ExpectMsg<int>());
        var first = lifecycle.ExpectMsg<string>();
        var entity = lifecycle.LastSender;
        lifecycle.Watch(entity);

        Time.Advance(TimeSpan.FromSeconds(16)); // past the idle timeout and a check
        lifecycle.ExpectTerminated(entity);

        region.Tell(new Counter.Count("A"), TestActor.Ref);
        Assert.Equal(0, ExpectMsg<int>()); // a new incarnation
        Assert.Equal(first, lifecycle.ExpectMsg<string>());
        region.Tell(GetShardRegionState.Instance, TestActor.Ref);
        var a = ExpectMsg<ShardRegionState>().Find("A")!;
        Assert.Equal(1, a.Passivations);
        Assert.Equal(2, a.Incarnations);
        Assert.True(a.IsActive);
    }

    [Fact]
    public void Entities_in_use_are_not_passivated()
    {
        var region = StartRegion(new ShardingOptions { ShardCount = 4, PassivateIdleAfter = TimeSpan.FromSeconds(10) });
        for (int i = 0; i < 5; i++)
        {
            region.Tell(new ShardEnvelope("A", "x"), TestActor.Ref);
            region.Tell(new Counter.Count("A"), TestActor.Ref);
            Assert.Equal(i + 1, ExpectMsg<int>());
            Time.Advance(TimeSpan.FromSeconds(4));
        }
        region.Tell(GetShardRegionState.Instance, TestActor.Ref);
        Assert.Equal(0, ExpectMsg<ShardRegionState>().Find("A")!.Passivations);
    }
}
