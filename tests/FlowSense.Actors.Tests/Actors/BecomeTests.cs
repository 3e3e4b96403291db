namespace FlowSense.Actors.Tests.Actors;

public sealed class BecomeTests : TestKit.TestKit
{
    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Off();
        }

        private void Off()
        {
            Receive<string>(_ => Sender.Tell("off", Self), s => s == "state");
            Receive<string>(_ => Become(On), s => s == "toggle");
            Receive<string>(_ => BecomeStacked(Dimmed), s => s == "dim");
        }

        private void On()
        {
            Receive<string>(_ => Sender.Tell("on", Self), s => s == "state");
            Receive<string>(_ => Become(Off), s => s == "toggle");
            Receive<string>(_ => BecomeStacked(Dimmed), s => s == "dim");
        }

        private void Dimmed()
        {
            Receive<string>(_ => Sender.Tell("dimmed", Self), s => s == "state");
            Receive<string>(_ => UnbecomeStacked(), s => s == "undim");
        }
    }

    private sealed class Counter : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "count")
                Become(m => Sender.Tell("counting " + m, Self), discardOld: false);
        }
    }

    [Fact]
    public void Become_replaces_the_behavior()
    {
        IActorRef s = Sys.ActorOf(Props.Create<Switch>());
        s.Tell("state", TestActor.Ref);
        ExpectMsg("off");
        s.Tell("toggle", null);
        s.Tell("state", TestActor.Ref);
        ExpectMsg("on");
        s.Tell("toggle", null);
        s.Tell("state", TestActor.Ref);
        ExpectMsg("off");
    }

    [Fact]
    public void BecomeStacked_and_Unbecome_return_to_the_previous_behavior()
    {
        IActorRef s = Sys.ActorOf(Props.Create<Switch>());
        s.Tell("toggle", null);
        s.Tell("dim", null);
        s.Tell("state", TestActor.Ref);
        ExpectMsg("dimmed");
        s.Tell("undim", null);
        s.Tell("state", TestActor.Ref);
        ExpectMsg("on");
    }

    [Fact]
    public void Untyped_actors_become_with_an_action()
    {
        IActorRef c = Sys.ActorOf(Props.Create<Counter>());
        c.Tell("count", TestActor.Ref);
        c.Tell(1, TestActor.Ref);
        ExpectMsg("counting 1");
    }
}
