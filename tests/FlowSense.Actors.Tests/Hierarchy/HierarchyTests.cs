namespace FlowSense.Actors.Tests.Hierarchy;

public sealed class HierarchyTests : TestKit.TestKit
{
    private sealed record Spawn(string Name);

    private sealed class Node : ReceiveActor
    {
        public Node() => Receive<Spawn>(s => Sender.Tell(Context.ActorOf(Props.Create<Node>(), s.Name), Self));
    }

    private IActorRef SpawnUnder(IActorRef parent, string name)
    {
        parent.Tell(new Spawn(name), TestActor.Ref);
        return ExpectMsg<IActorRef>();
    }

    [Fact]
    public void The_hierarchy_snapshot_shows_paths_types_and_children()
    {
        IActorRef shards = Sys.ActorOf(Props.Create<Node>(), "shards");
        IActorRef shard17 = SpawnUnder(shards, "17");
        IActorRef aapl = SpawnUnder(shard17, "AAPL");
        SpawnUnder(shard17, "MSFT");

        Assert.Equal("/user/shards/17/AAPL", aapl.Path.ToString());
        Assert.Equal(["user", "shards", "17", "AAPL"], aapl.Path.Elements);

        ActorNode root = Sys.Hierarchy();
        Assert.Equal("/", root.Path);
        ActorNode shard = root.Find("/user/shards/17")!;
        Assert.Equal("Node", shard.ActorType);
        Assert.Equal(["/user/shards/17/AAPL", "/user/shards/17/MSFT"], shard.Children.Select(c => c.Path));
        Assert.All(shard.Children, c => Assert.Equal(0, c.RestartCount));
        Assert.NotNull(root.Find("/system/testActor"));
    }

    [Fact]
    public void Paths_compare_by_value()
    {
        IActorRef shards = Sys.ActorOf(Props.Create<Node>(), "shards");
        ActorPath path = ActorPath.Root.Child("user").Child("shards");
        Assert.Equal(path, shards.Path);
        Assert.Equal(path.GetHashCode(), shards.Path.GetHashCode());
        Assert.NotEqual(path.Child("x"), shards.Path);
    }

    [Fact]
    public void Children_are_visible_to_the_parent_context()
    {
        TestKit.TestActorRef<Node> parent = ActorOfAsTestActorRef<Node>(Props.Create<Node>(), "parent");
        parent.Tell(new Spawn("a"), TestActor.Ref);
        parent.Tell(new Spawn("b"), TestActor.Ref);
        TestActor.ReceiveN<IActorRef>(2);
        AwaitAssert(() => Assert.Equal(2, Sys.Hierarchy().Find("/user/parent")!.Children.Count));
    }
}
