namespace FlowSense.Actors.Tests.Supervision;

/// <summary>Starts a parent with a strategy and workers under it.</summary>
public abstract class SupervisionTestBase(bool virtualTime = false) : TestKit.TestKit(virtualTime: virtualTime)
{
    private protected IActorRef StartParent(SupervisorStrategy strategy, string name = "parent") =>
        Sys.ActorOf(Parent.With(strategy), name);

    private protected IActorRef StartWorker(IActorRef parent, string name)
    {
        parent.Tell(new StartChild(Worker.For(TestActor.Ref, name), name), TestActor.Ref);
        // The reply (the child's ref) and the child's "start" come from different actors, in either order.
        IReadOnlyList<object> both = TestActor.ReceiveN<object>(2);
        Assert.Contains("start " + name, both);
        return both.OfType<IActorRef>().Single();
    }

    private protected int Count(IActorRef worker)
    {
        worker.Tell("get", TestActor.Ref);
        return FishForMessage<int>();
    }

    private protected static Func<Exception, Directive> Always(Directive directive) => _ => directive;
}
