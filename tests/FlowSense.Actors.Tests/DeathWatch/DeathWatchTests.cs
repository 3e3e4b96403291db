namespace FlowSense.Actors.Tests.DeathWatch;

public sealed class DeathWatchTests : TestKit.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    /// <summary>Watches or unwatches on request and reports Terminated to the probe.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<(string Command, IActorRef Target)>(c =>
            {
                if (c.Command == "watch")
                    Context.Watch(c.Target);
                else
                    Context.Unwatch(c.Target);
                Sender.Tell("done", Self);
            });
            Receive<Terminated>(t => probe.Tell(t, Self));
        }
    }

    private sealed class Sloppy : ReceiveActor
    {
        public Sloppy(IActorRef target) => Context.Watch(target); // and never handles Terminated
    }

    [Fact]
    public void A_watcher_receives_Terminated_when_the_subject_stops()
    {
        IActorRef subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        Assert.Same(subject, ExpectTerminated(subject).Actor);
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated_at_once()
    {
        IActorRef subject = Sys.ActorOf(Props.Create<Idle>());
        TestKit.TestProbe first = CreateTestProbe();
        first.Watch(subject);
        Sys.Stop(subject);
        first.ExpectTerminated(subject);

        Watch(subject); // subject is dead already
        ExpectTerminated(subject);
    }

    [Fact]
    public void Unwatch_cancels_the_notification()
    {
        IActorRef subject = Sys.ActorOf(Props.Create<Idle>());
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor.Ref)));
        watcher.Tell(("watch", subject), TestActor.Ref);
        ExpectMsg("done");
        watcher.Tell(("unwatch", subject), TestActor.Ref);
        ExpectMsg("done");
        Sys.Stop(subject);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Several_watchers_are_all_notified()
    {
        IActorRef subject = Sys.ActorOf(Props.Create<Idle>());
        TestKit.TestProbe[] probes = [CreateTestProbe(), CreateTestProbe(), CreateTestProbe()];
        foreach (TestKit.TestProbe p in probes)
        {
            IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(p.Ref)));
            watcher.Tell(("watch", subject), TestActor.Ref);
            ExpectMsg("done");
        }
        subject.Tell(PoisonPill.Instance, null);
        foreach (TestKit.TestProbe p in probes)
            p.ExpectMsg<Terminated>(t => ReferenceEquals(t.Actor, subject));
    }

    [Fact]
    public void An_unhandled_Terminated_is_a_death_pact_that_stops_the_watcher()
    {
        IActorRef subject = Sys.ActorOf(Props.Create<Idle>());
        IActorRef sloppy = Sys.ActorOf(Props.Create(() => new Sloppy(subject)));
        Watch(sloppy);
        Sys.Stop(subject);
        ExpectTerminated(sloppy);
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Spawner(TestActor.Ref)), "parent");
        ExpectMsg("child started");
        IActorRef child = TestActor.LastSender;
        Watch(child);
        Watch(parent);
        Sys.Stop(parent);
        ExpectTerminated(child);
        ExpectTerminated(parent);
    }

    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        IActorRef subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        ExpectDeadLetters<string>(2, () =>
        {
            subject.Tell("lost 1", null);
            subject.Tell("lost 2", null);
        });
    }

    private sealed class Spawner : ReceiveActor
    {
        public Spawner(IActorRef probe) => Context.ActorOf(Props.Create(() => new Reporter(probe)), "child");
    }

    private sealed class Reporter : ReceiveActor
    {
        public Reporter(IActorRef probe) => probe.Tell("child started", Self);
    }
}
