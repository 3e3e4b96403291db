namespace FlowSense.Actors.Tests.Stash;

public sealed class StashTests() : TestKit.TestKit(new ActorSystemOptions { StashCapacity = 3 })
{
    /// <summary>Stashes everything until "open", then handles messages in their original order.</summary>
    private sealed class Gate : ReceiveActor
    {
        public Gate(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Become(() => ReceiveAny(m => probe.Tell(m, Self)));
                Stash.UnstashAll();
            }, s => s == "open");
            Receive<string>(_ => Stash.Unstash(), s => s == "one");
            ReceiveAny(_ => Stash.Stash());
        }
    }

    [Fact]
    public void UnstashAll_replays_stashed_messages_in_their_original_order_before_newer_ones()
    {
        IActorRef gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor.Ref)));
        gate.Tell(1, null);
        gate.Tell(2, null);
        gate.Tell(3, null);
        gate.Tell("open", null);
        gate.Tell(4, null);
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectMsg(4);
    }

    [Fact]
    public void The_stash_is_bounded_by_its_configured_capacity()
    {
        IActorRef gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor.Ref)));
        Watch(gate);
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Error, "failed; supervisor directive: Restart", 1, () =>
        {
            for (int i = 1; i <= 4; i++)
                gate.Tell(i, null); // the fourth overflows (capacity 3) and fails the actor
        });
        // The stash survives the restart: the new instance stashes the replayed messages again.
        gate.Tell("open", null);
        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        IActorRef gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor.Ref)));
        ExpectDeadLetters<int>(2, () =>
        {
            gate.Tell(1, null);
            gate.Tell(2, null);
            gate.Tell(PoisonPill.Instance, null);
        });
    }
}
