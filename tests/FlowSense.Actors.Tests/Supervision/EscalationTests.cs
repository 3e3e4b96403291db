namespace FlowSense.Actors.Tests.Supervision;

public sealed class EscalationTests : SupervisionTestBase
{
    [Fact]
    public void A_failure_escalated_two_levels_reaches_the_top_supervisor_unchanged()
    {
        var cause = new InvalidOperationException("leaf failure");
        Exception? decided = null;
        IActorRef probe = TestActor.Ref;
        IActorRef top = StartParent(new OneForOneStrategy(e =>
        {
            decided = e;
            probe.Tell("top decided", null);
            return Directive.Restart;
        }), "top");

        var escalate = new OneForOneStrategy(Always(Directive.Escalate));
        top.Tell(new StartChild(Parent.With(escalate), "upper"), TestActor.Ref);
        IActorRef upper = ExpectMsg<IActorRef>();
        upper.Tell(new StartChild(Parent.With(escalate), "lower"), TestActor.Ref);
        IActorRef lower = ExpectMsg<IActorRef>();
        IActorRef leaf = StartWorker(lower, "leaf");

        leaf.Tell(new Fail(cause), null);
        FishForMessage<string>(s => s == "top decided");
        Assert.Same(cause, decided);

        // Restarting "upper" stops its children (default PreRestart), so the leaf is gone and upper lives on.
        FishForMessage<string>(s => s == "stop leaf");
        AwaitAssert(() => Assert.Null(Sys.Hierarchy().Find("/user/top/upper/lower")));
        Assert.Equal(1, Sys.Hierarchy().Find("/user/top/upper")!.RestartCount);
    }
}
