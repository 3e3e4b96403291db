namespace FlowSense.Actors.Tests.Dispatch;

public sealed class LaneFanOutTests : TestKit.TestKit
{
    /// <summary>
    /// Checks that the numbers arrive in order; answers other text with its last number, its out-of-order count and its
    /// thread. Throws on "boom" (and is restarted by its parent, keeping its mailbox).
    /// </summary>
    private sealed class Sequence : ReceiveActor
    {
        private int _last;
        private int _outOfOrder;

        public Sequence()
        {
            Receive<int>(n =>
            {
                if (n != _last + 1)
                    _outOfOrder++;
                _last = n;
            });
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
            Receive<string>(_ => Sender.Tell((_last, _outOfOrder, Thread.CurrentThread.Name), Self));
        }
    }

    /// <summary>Stashes numbers until "open", then unstashes them ahead of anything after.</summary>
    private sealed class Gate : ReceiveActor
    {
        private readonly List<int> _seen = [];

        public Gate()
        {
            Receive<string>(_ =>
            {
                Become(() =>
                {
                    Receive<int>(_seen.Add);
                    Receive<string>(_ => Sender.Tell(string.Join(",", _seen), Self));
                });
                Stash.UnstashAll();
            }, s => s == "open");
            Receive<string>(_ => Sender.Tell("ready", Self)); // Placed's question
            Receive<int>(_ => Stash.Stash());
        }
    }

    /// <summary>Blocks its lane on "block" until the gate opens; collects numbers; answers "report" with them.</summary>
    private sealed class Holder : ReceiveActor
    {
        private readonly List<int> _seen = [];

        public Holder(ManualResetEventSlim gate)
        {
            Receive<string>(_ =>
            {
                Sender.Tell("blocking", Self);
                gate.Wait(TimeSpan.FromSeconds(10));
            }, s => s == "block");
            Receive<string>(_ => Sender.Tell(string.Join(",", _seen), Self));
            Receive<int>(_seen.Add);
        }
    }

    private LaneDispatcher Lanes(string id, int lanes)
    {
        var dispatcher = new LaneDispatcher(id, lanes, throughput: 5);
        Sys.Dispatchers.Register(id, dispatcher);
        return dispatcher;
    }

    /// <summary>Starts an actor and waits for its first turn, which places it on a lane.</summary>
    private IActorRef Placed(Props props, string dispatcher)
    {
        IActorRef actor = Sys.ActorOf(props.WithDispatcher(dispatcher));
        actor.Tell("placed?", TestActor.Ref);
        ExpectMsg<object>();
        return actor;
    }

    private static int LaneOf(IActorRef actor) => ((ActorCell)actor).Lane!.Index;

    [Fact]
    public void Every_actor_gets_every_batch_in_order_and_on_its_own_lane()
    {
        LaneDispatcher lanes = Lanes("fan", 2);
        var actors = Enumerable.Range(0, 16).Select(_ => Placed(Props.Create<Sequence>(), "fan")).ToArray();
        LaneFanOut fanOut = lanes.CreateFanOut();

        const int Batches = 500;
        for (int n = 1; n <= Batches; n++)
        {
            foreach (IActorRef actor in actors)
                fanOut.Add(actor, n, ActorRefs.NoSender);
            fanOut.Send();
        }

        foreach (IActorRef actor in actors)
        {
            fanOut.Add(actor, "report", TestActor.Ref); // the sender goes with the message
            fanOut.Send();
            (int last, int outOfOrder, string? thread) = ExpectMsg<(int, int, string?)>();
            Assert.Equal((Batches, 0), (last, outOfOrder));
            Assert.Equal($"fan-{LaneOf(actor)}", thread);
        }
    }

    [Fact]
    public void Resolved_targets_get_their_batches_as_actors_added_by_reference_do()
    {
        // One resolved on the lanes, one on another dispatcher (told at once, as Add by reference does); a default
        // target names no actor and is refused.
        LaneDispatcher lanes = Lanes("resolved", 2);
        IActorRef onLanes = Placed(Props.Create<Sequence>(), "resolved");
        IActorRef elsewhere = Sys.ActorOf(Props.Create<Sequence>());
        LaneFanOut fanOut = lanes.CreateFanOut();
        LaneFanOut.Target[] targets = [fanOut.Resolve(onLanes), fanOut.Resolve(elsewhere)];
        Assert.Same(onLanes, targets[0].Ref);
        Assert.Throws<ArgumentException>(() => fanOut.Add(default(LaneFanOut.Target), 1, ActorRefs.NoSender));

        for (int n = 1; n <= 100; n++)
        {
            foreach (LaneFanOut.Target target in targets)
                fanOut.Add(target, n, ActorRefs.NoSender);
            fanOut.Send();
        }
        foreach (LaneFanOut.Target target in targets)
        {
            fanOut.Add(target, "report", TestActor.Ref);
            fanOut.Send();
            (int last, int outOfOrder, string? thread) = ExpectMsg<(int, int, string?)>();
            Assert.Equal((100, 0), (last, outOfOrder));
            if (ReferenceEquals(target.Ref, onLanes))
                Assert.Equal($"resolved-{LaneOf(onLanes)}", thread);
            else
                Assert.DoesNotContain("resolved-", thread ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lanes_share_is_told_on_that_lane_so_a_busy_lane_does_not_hold_up_the_others()
    {
        LaneDispatcher lanes = Lanes("busy", 2);
        using var gate = new ManualResetEventSlim();
        IActorRef blocker = Placed(Props.Create(() => new Holder(gate)), "busy");
        var actors = Enumerable.Range(0, 3).Select(_ => Placed(Props.Create<Sequence>(), "busy")).ToArray();
        IActorRef besideBlocker = actors.First(a => LaneOf(a) == LaneOf(blocker));
        IActorRef elsewhere = actors.First(a => LaneOf(a) != LaneOf(blocker));
        blocker.Tell("block", TestActor.Ref);
        ExpectMsg("blocking");

        LaneFanOut fanOut = lanes.CreateFanOut();
        fanOut.Add(besideBlocker, "report", TestActor.Ref);
        fanOut.Add(elsewhere, "report", TestActor.Ref);
        fanOut.Send();

        Assert.Equal($"busy-{LaneOf(elsewhere)}", ExpectMsg<(int, int, string?)>().Item3);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, ((ActorCell)besideBlocker).MailboxDepth); // not told yet: its share waits for the lane
        gate.Set();
        Assert.Equal($"busy-{LaneOf(besideBlocker)}", ExpectMsg<(int, int, string?)>().Item3);
    }

    [Fact]
    public void A_message_for_an_actor_that_failed_waits_in_its_mailbox_for_the_restart_and_none_is_lost()
    {
        LaneDispatcher lanes = Lanes("fragile", 2);
        IActorRef actor = Placed(Props.Create<Sequence>(), "fragile");
        LaneFanOut fanOut = lanes.CreateFanOut();

        fanOut.Add(actor, 1, ActorRefs.NoSender);
        fanOut.Add(actor, "boom", ActorRefs.NoSender); // runs at once and fails: the actor is suspended for its parent
        for (int n = 2; n <= 50; n++)
            fanOut.Add(actor, n, ActorRefs.NoSender); // told while it is suspended or restarting: queued, not run
        fanOut.Send();
        fanOut.Add(actor, "report", TestActor.Ref);
        fanOut.Send();

        // The restart made a fresh instance, which saw every number after the failure, in order.
        Assert.Equal((50, 1), ExpectMsg<(int, int, string?)>() is var (last, outOfOrder, _) ? (last, outOfOrder) : default);
    }

    [Fact]
    public void Messages_for_an_actor_with_unstashed_ones_come_after_them()
    {
        LaneDispatcher lanes = Lanes("stash", 1);
        IActorRef actor = Placed(Props.Create<Gate>(), "stash");
        LaneFanOut fanOut = lanes.CreateFanOut();

        for (int n = 1; n <= 3; n++)
            fanOut.Add(actor, n, ActorRefs.NoSender);
        fanOut.Add(actor, "open", ActorRefs.NoSender);
        for (int n = 4; n <= 6; n++)
            fanOut.Add(actor, n, ActorRefs.NoSender);
        fanOut.Send();
        fanOut.Add(actor, "report", TestActor.Ref);
        fanOut.Send();

        Assert.Equal("1,2,3,4,5,6", ExpectMsg<string>());
    }

    [Fact]
    public void A_message_for_a_stopped_actor_is_a_dead_letter()
    {
        LaneDispatcher lanes = Lanes("gone", 2);
        IActorRef actor = Placed(Props.Create<Sequence>(), "gone");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        long before = Sys.DeadLetterCount;
        LaneFanOut fanOut = lanes.CreateFanOut();

        fanOut.Add(actor, 1, ActorRefs.NoSender);
        fanOut.Send();

        AwaitAssert(() => Assert.Equal(before + 1, Sys.DeadLetterCount));
    }

    [Fact]
    public void A_message_refused_by_a_full_mailbox_is_a_dead_letter_and_the_lane_goes_on()
    {
        var lanes = new LaneDispatcher("full", 1, throughput: 1); // one message per turn: the share runs before the next
        Sys.Dispatchers.Register("full", lanes);
        using var gate = new ManualResetEventSlim();
        IActorRef holder = Sys.ActorOf(Props.Create(() => new Holder(gate)).WithDispatcher("full").WithMailbox(2, MailboxOverflow.Fail));
        holder.Tell("block", TestActor.Ref);
        ExpectMsg("blocking");
        holder.Tell(1, ActorRefs.NoSender);
        holder.Tell(2, ActorRefs.NoSender); // the mailbox is full
        long before = Sys.DeadLetterCount;
        LaneFanOut fanOut = lanes.CreateFanOut();
        for (int n = 3; n <= 5; n++)
            fanOut.Add(holder, n, ActorRefs.NoSender);
        fanOut.Send();

        gate.Set(); // the lane tells the share before the holder's next turn: all three are refused
        AwaitAssert(() => Assert.Equal(before + 3, Sys.DeadLetterCount));
        AwaitAssert(() => Assert.Equal(0, ((ActorCell)holder).MailboxDepth));
        holder.Tell("report", TestActor.Ref);
        Assert.Equal("1,2", ExpectMsg<string>());
    }

    [Fact]
    public void An_actor_on_another_dispatcher_is_told_at_once()
    {
        LaneDispatcher lanes = Lanes("mixed", 2);
        IActorRef onPool = Sys.ActorOf(Props.Create<Sequence>());
        LaneFanOut fanOut = lanes.CreateFanOut();

        fanOut.Add(onPool, "report", TestActor.Ref); // no Send: nothing waits for one
        var (last, outOfOrder, _) = ExpectMsg<(int, int, string?)>();
        Assert.Equal((0, 0), (last, outOfOrder));
    }

    [Fact]
    public void After_the_lanes_stop_a_fan_out_still_delivers_on_the_thread_pool()
    {
        LaneDispatcher lanes = Lanes("stopped", 2);
        IActorRef actor = Placed(Props.Create<Sequence>(), "stopped");
        LaneFanOut fanOut = lanes.CreateFanOut();
        lanes.Dispose();

        fanOut.Add(actor, 1, ActorRefs.NoSender);
        fanOut.Add(actor, "report", TestActor.Ref);
        fanOut.Send();
        var (last, outOfOrder, thread) = ExpectMsg<(int, int, string?)>();
        Assert.Equal((1, 0), (last, outOfOrder));
        Assert.False(thread?.StartsWith("stopped-", StringComparison.Ordinal), thread); // a pool thread, not a lane
    }

    [Fact]
    public void A_steady_fan_out_allocates_nothing_per_batch()
    {
        LaneDispatcher lanes = Lanes("steady", 2);
        var actors = Enumerable.Range(0, 8).Select(_ => Placed(Props.Create<Sequence>(), "steady")).ToArray();
        LaneFanOut fanOut = lanes.CreateFanOut();
        object[] numbers = [.. Enumerable.Range(1, 40).Select(n => (object)n)]; // boxed once, outside the measured calls

        long allocated = 0;
        for (int round = 0; round < numbers.Length; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (IActorRef actor in actors)
                fanOut.Add(actor, numbers[round], ActorRefs.NoSender);
            fanOut.Send();
            if (round >= 10) // the first rounds grow the pool of shares
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            foreach (IActorRef actor in actors) // each round delivered before the next, so its shares are back in the pool
            {
                fanOut.Add(actor, "report", TestActor.Ref); // through the fan-out: a direct tell could overtake the round
                fanOut.Send();
                Assert.Equal(round + 1, ExpectMsg<(int, int, string?)>().Item1);
            }
        }
        Assert.Equal(0, allocated);
    }
}
