using FlowSense.Actors.TestKit;

namespace FlowSense.Actors.Tests.Actors;

public sealed class TellAndLifecycleTests : TestKit.TestKit
{
    private sealed record Ping(int N);

    private sealed record Pong(int N);

    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<Ping>(p => Sender.Tell(new Pong(p.N), Self));
        }
    }

    private sealed class Lifecycle(IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => probe.Tell("prestart", Self);

        protected override void PostStop() => probe.Tell("poststop", Self);

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case string s:
                    probe.Tell("got " + s, Self);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }

    private sealed class Ordered : ReceiveActor
    {
        public Ordered(IActorRef probe)
        {
            Receive<int>(i => probe.Tell("small " + i, Self), i => i < 10);
            Receive<int>(i => probe.Tell("large " + i, Self));
            Receive<string>(s => s.StartsWith('x'));
            ReceiveAny(o => probe.Tell("any " + o, Self));
        }
    }

    private sealed class Relay(IActorRef target) : ReceiveActor
    {
        public Relay() : this(ActorRefs.NoSender)
        {
        }

        public int Forwarded { get; private set; }

        protected override void PreStart() => ReceiveAny(m =>
        {
            Forwarded++;
            target.Forward(m);
        });
    }

    [Fact]
    public void Tell_with_sender_gets_a_reply()
    {
        IActorRef echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell(new Ping(7), TestActor.Ref);
        Assert.Equal(new Pong(7), ExpectMsg<Pong>());
        Assert.Same(echo, TestActor.LastSender);
    }

    [Fact]
    public void PreStart_runs_before_messages_and_PostStop_after_stop()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Lifecycle(TestActor.Ref)));
        actor.Tell("a", null);
        ExpectMsg("prestart");
        ExpectMsg("got a");
        Watch(actor);
        actor.Tell(PoisonPill.Instance, null);
        ExpectMsg("poststop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Receive_handlers_are_tried_in_declaration_order_with_predicates()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Ordered(TestActor.Ref)));
        actor.Tell(3, null);
        actor.Tell(30, null);
        actor.Tell("xyz", null); // handled by the Func handler (returns true)
        actor.Tell("abc", null); // Func handler returns false, falls through to ReceiveAny
        actor.Tell(4.5, null);
        ExpectMsg("small 3");
        ExpectMsg("large 30");
        ExpectMsg("any abc");
        ExpectMsg("any 4.5");
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(UnhandledMessage));
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Lifecycle(TestActor.Ref)));
        ExpectMsg("prestart");
        actor.Tell(42, null);
        UnhandledMessage unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Same(actor, unhandled.Recipient);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        TestActorRef<Relay> relay = ActorOfAsTestActorRef<Relay>(Props.Create(() => new Relay(TestActor.Ref)));
        TestProbe origin = CreateTestProbe();
        relay.Tell("hello", origin.Ref);
        ExpectMsg("hello");
        Assert.Same(origin.Ref, TestActor.LastSender);
        Assert.Equal(1, relay.UnderlyingActor.Forwarded);
    }

    [Fact]
    public void Names_are_unique_among_siblings_and_generated_when_omitted()
    {
        IActorRef first = Sys.ActorOf(Props.Create<Echo>(), "same");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "same"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "a/b"));
        IActorRef generated = Sys.ActorOf(Props.Create<Echo>());
        Assert.Equal("/user/same", first.Path.ToString());
        Assert.StartsWith("/user/$", generated.Path.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_is_free_again_once_its_actor_has_terminated()
    {
        IActorRef first = Sys.ActorOf(Props.Create<Echo>(), "reused");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitAssert(() => Sys.ActorOf(Props.Create<Echo>(), "reused"));
    }

    [Fact]
    public void Constructing_an_actor_with_new_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new Echo());
    }

    [Fact]
    public void Implicit_sender_inside_an_actor_is_the_actor_itself()
    {
        TestProbe target = CreateTestProbe();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Relay(target.Ref)));
        actor.Tell("x", TestActor.Ref);
        target.ExpectMsg("x");
        Assert.Same(TestActor.Ref, target.LastSender);
    }
}
