namespace FlowSense.Actors.Tests.Supervision;

public sealed class AllForOneTests : SupervisionTestBase
{
    [Fact]
    public void Resume_resumes_the_failed_child_and_leaves_siblings_alone()
    {
        IActorRef parent = StartParent(new AllForOneStrategy(Always(Directive.Resume)));
        IActorRef a = StartWorker(parent, "a");
        IActorRef b = StartWorker(parent, "b");
        a.Tell("inc", null);
        b.Tell("inc", null);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        Assert.Equal(1, Count(a));
        Assert.Equal(1, Count(b));
    }

    [Fact]
    public void Restart_restarts_every_child()
    {
        IActorRef parent = StartParent(new AllForOneStrategy(Always(Directive.Restart)));
        IActorRef a = StartWorker(parent, "a");
        IActorRef b = StartWorker(parent, "b");
        a.Tell("inc", null);
        b.Tell("inc", null);
        Assert.Equal(1, Count(b)); // handled before the failure (system messages would overtake it)
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        var seen = TestActor.ReceiveN<string>(8);
        Assert.Equal(
            ["postrestart a", "postrestart b", "prerestart a", "prerestart b", "start a", "start b", "stop a", "stop b"],
            seen.Order(StringComparer.Ordinal));
        Assert.Equal(0, Count(a));
        Assert.Equal(0, Count(b));
    }

    [Fact]
    public void Stop_stops_every_child()
    {
        IActorRef parent = StartParent(new AllForOneStrategy(Always(Directive.Stop)));
        IActorRef a = StartWorker(parent, "a");
        IActorRef b = StartWorker(parent, "b");
        TestKit.TestProbe watcher = CreateTestProbe();
        watcher.Watch(a);
        watcher.Watch(b);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        var terminated = new[] { watcher.ExpectMsg<Terminated>().Actor, watcher.ExpectMsg<Terminated>().Actor };
        Assert.Contains(a, terminated);
        Assert.Contains(b, terminated);
    }

    [Fact]
    public void Escalate_hands_the_failure_to_the_grandparent()
    {
        IActorRef top = StartParent(new AllForOneStrategy(Always(Directive.Stop)), "top");
        top.Tell(new StartChild(Parent.With(new AllForOneStrategy(Always(Directive.Escalate))), "middle"), TestActor.Ref);
        IActorRef middle = ExpectMsg<IActorRef>();
        IActorRef a = StartWorker(middle, "a");
        IActorRef b = StartWorker(middle, "b");
        Watch(middle);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        FishForMessage<Terminated>(t => ReferenceEquals(t.Actor, middle));
        Assert.Null(Sys.Hierarchy().Find("/user/top/middle/b"));
    }
}
