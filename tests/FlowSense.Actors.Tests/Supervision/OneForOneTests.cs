namespace FlowSense.Actors.Tests.Supervision;

public sealed class OneForOneTests : SupervisionTestBase
{
    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(Always(Directive.Resume)));
        IActorRef a = StartWorker(parent, "a");
        a.Tell("inc", null);
        a.Tell("inc", null);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        Assert.Equal(2, Count(a));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // no restart hooks ran
    }

    [Fact]
    public void Restart_replaces_the_instance_running_hooks_in_order()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(Always(Directive.Restart)));
        IActorRef a = StartWorker(parent, "a");
        a.Tell("inc", null);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        ExpectMsg("prerestart a");
        ExpectMsg("stop a");        // default PreRestart calls PostStop
        ExpectMsg("postrestart a");
        ExpectMsg("start a");       // default PostRestart calls PreStart
        Assert.Equal(0, Count(a));
        Assert.Equal(1, Sys.Hierarchy().Find("/user/parent/a")!.RestartCount);
    }

    [Fact]
    public void Restart_keeps_the_mailbox_and_does_not_retry_the_failing_message()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(Always(Directive.Restart)));
        IActorRef a = StartWorker(parent, "a");
        a.Tell("inc", null);                                       // old instance
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        a.Tell("inc", null);                                       // queued: handled by the new instance
        a.Tell("inc", null);
        Assert.Equal(2, Count(a));
    }

    [Fact]
    public void A_child_aware_decider_is_told_which_child_failed()
    {
        var failed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        IActorRef parent = StartParent(new OneForOneStrategy(-1, null, (child, _) =>
        {
            failed.Enqueue(child.Path.Name);
            return Directive.Resume;
        }));
        IActorRef a = StartWorker(parent, "a");
        IActorRef b = StartWorker(parent, "b");
        b.Tell(new Fail(new InvalidOperationException("boom")), null);
        Assert.Equal(0, Count(b));
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        Assert.Equal(0, Count(a));
        Assert.Equal(["b", "a"], failed);
    }

    [Fact]
    public void Stop_terminates_the_child()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(Always(Directive.Stop)));
        IActorRef a = StartWorker(parent, "a");
        Watch(a);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        ExpectMsg("stop a");
        ExpectTerminated(a);
    }

    [Fact]
    public void Escalate_fails_the_parent_which_its_own_supervisor_handles()
    {
        IActorRef top = StartParent(new OneForOneStrategy(Always(Directive.Stop)), "top");
        top.Tell(new StartChild(Parent.With(new OneForOneStrategy(Always(Directive.Escalate))), "middle"), TestActor.Ref);
        IActorRef middle = ExpectMsg<IActorRef>();
        IActorRef a = StartWorker(middle, "a");
        Watch(middle);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        ExpectMsg("stop a");            // stopping middle stops its children first
        ExpectTerminated(middle);
    }

    [Fact]
    public void Only_the_failed_child_is_affected()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(Always(Directive.Restart)));
        IActorRef a = StartWorker(parent, "a");
        IActorRef b = StartWorker(parent, "b");
        b.Tell("inc", null);
        a.Tell(new Fail(new InvalidOperationException("boom")), null);
        ExpectMsg("prerestart a");
        ExpectMsg("stop a");
        ExpectMsg("postrestart a");
        ExpectMsg("start a");
        Assert.Equal(1, Count(b));
    }

    [Fact]
    public void The_default_strategy_restarts_on_exceptions_and_stops_on_initialization_failure()
    {
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new InvalidOperationException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorKilledException(TestActor.Ref)));
        IActorRef broken = Sys.ActorOf(Props.Create<Broken>());
        Watch(broken);
        ExpectTerminated(broken);
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_strategy_stops_it()
    {
        IActorRef a = Sys.ActorOf(Worker.For(TestActor.Ref, "a"));
        ExpectMsg("start a");
        Watch(a);
        a.Tell(Kill.Instance, null);
        ExpectMsg("stop a");
        ExpectTerminated(a);
    }

    private sealed class Broken : ReceiveActor
    {
        public Broken() => throw new InvalidOperationException("cannot start");
    }
}
