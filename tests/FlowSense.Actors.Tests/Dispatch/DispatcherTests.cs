namespace FlowSense.Actors.Tests.Dispatch;

public sealed class DispatcherTests : TestKit.TestKit
{
    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter() => ReceiveAny(_ => Sender.Tell((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), Self));
    }

    [Fact]
    public void A_dedicated_thread_actor_always_runs_on_its_own_named_thread()
    {
        IActorRef connector = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher(Dispatchers.DedicatedThreadId), "connector");
        var seen = new HashSet<int>();
        for (int i = 0; i < 5; i++)
        {
            connector.Tell(i, TestActor.Ref);
            (int id, bool pool, string? name) = ExpectMsg<(int, bool, string?)>();
            Assert.False(pool);
            Assert.Equal("/user/connector", name);
            seen.Add(id);
        }
        Assert.Single(seen);
    }

    [Fact]
    public void Default_actors_run_on_the_thread_pool()
    {
        IActorRef actor = Sys.ActorOf(Props.Create<ThreadReporter>());
        actor.Tell(1, TestActor.Ref);
        Assert.True(ExpectMsg<(int, bool, string?)>().Item2);
    }

    [Fact]
    public void Unknown_dispatchers_are_rejected_and_custom_ones_can_be_registered()
    {
        Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("nope")));
        Sys.Dispatchers.Register("batchy", new ThreadPoolDispatcher(throughput: 1));
        IActorRef actor = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("batchy"));
        actor.Tell(1, TestActor.Ref);
        ExpectMsg<(int, bool, string?)>();
    }

    [Fact]
    public void The_dedicated_thread_stops_with_its_actor()
    {
        IActorRef connector = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher(Dispatchers.DedicatedThreadId));
        connector.Tell(1, TestActor.Ref);
        (int id, _, _) = ExpectMsg<(int, bool, string?)>();
        Watch(connector);
        Sys.Stop(connector);
        ExpectTerminated(connector);
        Assert.NotEqual(Environment.CurrentManagedThreadId, id);
    }
}
