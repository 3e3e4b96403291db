namespace FlowSense.Actors.Tests.Scheduling;

public sealed class ReceiveTimeoutTests() : TestKit.TestKit(virtualTime: true)
{
    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(5));
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout", Self));
            Receive<string>(_ => Context.SetReceiveTimeout(null), s => s == "off");
            Receive<string>(s => probe.Tell("got " + s, Self));
        }
    }

    [Fact]
    public void ReceiveTimeout_arrives_after_the_idle_period_and_is_reset_by_messages()
    {
        DateTimeOffset start = Time.GetUtcNow();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor.Ref)));
        // The actor starts, and its turns end, on its own thread: the clock must not move before the timer is armed
        // (at t=0) or reset (at t=4), or they count from a later time (this failed about 1 run in 20 without the waits).
        AwaitAssert(() => Assert.Equal(start.AddSeconds(5), Time.NextDue));
        Time.Advance(TimeSpan.FromSeconds(4));
        actor.Tell("ping", null);
        ExpectMsg("got ping"); // sent during the turn; the timer is reset after it
        AwaitAssert(() => Assert.Equal(start.AddSeconds(9), Time.NextDue));
        Time.Advance(TimeSpan.FromSeconds(4));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("timeout");
    }

    [Fact]
    public void Turning_the_receive_timeout_off_stops_it()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor.Ref)));
        actor.Tell("off", null);
        actor.Tell("ping", null);
        ExpectMsg("got ping");
        Time.Advance(TimeSpan.FromMinutes(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
