using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace FlowSense.Actors.Tests.Dispatch;

public sealed class LaneDispatcherTests : TestKit.TestKit
{
    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter() => ReceiveAny(_ => Sender.Tell((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), Self));
    }

    /// <summary>Checks that each sender's numbers arrive in order and answers how many it got.</summary>
    private sealed class OrderChecker : ReceiveActor
    {
        private readonly Dictionary<int, int> _last = [];
        private int _received;
        private int _outOfOrder;

        public OrderChecker()
        {
            Receive<(int Sender, int Number)>(m =>
            {
                _received++;
                if (_last.TryGetValue(m.Sender, out int last) && m.Number != last + 1)
                    _outOfOrder++;
                _last[m.Sender] = m.Number;
            });
            Receive<string>(_ => Sender.Tell((_received, _outOfOrder), Self));
        }
    }

    private LaneDispatcher Lanes(string id, int lanes, TimeSpan idleSpin = default)
    {
        var dispatcher = new LaneDispatcher(id, lanes, throughput: 5, idleSpin);
        Sys.Dispatchers.Register(id, dispatcher);
        return dispatcher;
    }

    [Fact]
    public void Each_actor_runs_every_turn_on_the_same_named_lane_thread()
    {
        Lanes("two", 2);
        var actors = Enumerable.Range(0, 4).Select(i => Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("two"), $"a{i}")).ToList();
        var threadOf = new Dictionary<IActorRef, HashSet<int>>();
        var names = new HashSet<string?>();
        for (int round = 0; round < 5; round++)
        {
            foreach (IActorRef actor in actors)
            {
                actor.Tell(round, TestActor.Ref);
                (int id, bool pool, string? name) = ExpectMsg<(int, bool, string?)>();
                Assert.False(pool);
                names.Add(name);
                (threadOf.TryGetValue(actor, out var seen) ? seen : threadOf[actor] = []).Add(id);
            }
        }
        Assert.All(threadOf.Values, threads => Assert.Single(threads));
        Assert.Equal(new HashSet<string?> { "two-0", "two-1" }, names);
    }

    [Fact]
    public void Actors_are_placed_on_the_lane_with_the_fewest_and_leave_it_when_they_stop()
    {
        LaneDispatcher lanes = Lanes("three", 3);
        var actors = Enumerable.Range(0, 7).Select(_ => Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("three"))).ToList();
        foreach (IActorRef actor in actors)
        {
            actor.Tell(0, TestActor.Ref); // the first turn has run, so the actor has been placed
            ExpectMsg<(int, bool, string?)>();
        }
        Assert.Equal([3, 2, 2], lanes.ActorsPerLane);

        foreach (IActorRef actor in actors.Take(3))
        {
            Watch(actor);
            Sys.Stop(actor);
            ExpectTerminated(actor);
        }
        Assert.Equal(4, lanes.ActorsPerLane.Sum());
        IActorRef next = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("three"));
        next.Tell(0, TestActor.Ref);
        ExpectMsg<(int, bool, string?)>();
        Assert.Equal(5, lanes.ActorsPerLane.Sum());
        Assert.True(lanes.ActorsPerLane.Max() - lanes.ActorsPerLane.Min() <= 1, string.Join(",", lanes.ActorsPerLane));
    }

    [Fact]
    public async Task Many_senders_to_many_lane_actors_lose_nothing_and_keep_each_senders_order()
    {
        Lanes("busy", 2);
        const int Actors = 64, Senders = 4, PerSender = 2_000;
        var actors = Enumerable.Range(0, Actors).Select(_ => Sys.ActorOf(Props.Create<OrderChecker>().WithDispatcher("busy"))).ToArray();

        // Bursts with pauses between them, so the lanes keep parking and being woken mid-burst.
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (int n = 1; n <= PerSender; n++)
            {
                foreach (IActorRef actor in actors)
                    actor.Tell((sender, n), ActorRefs.NoSender);
                if (n % 250 == 0)
                    await Task.Yield();
            }
        })));

        foreach (IActorRef actor in actors)
        {
            actor.Tell("count", TestActor.Ref);
            Assert.Equal((Senders * PerSender, 0), ExpectMsg<(int, int)>());
        }
    }

    [Fact]
    public void Actors_ready_behind_a_running_turn_are_counted_as_waiting_on_their_lane()
    {
        LaneDispatcher lanes = Lanes("one", 1);
        using var gate = new ManualResetEventSlim();
        IActorRef blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate)).WithDispatcher("one"));
        var others = Enumerable.Range(0, 3).Select(_ => Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("one"))).ToList();
        foreach (IActorRef other in others)
        {
            other.Tell(0, TestActor.Ref); // started and idle: their next message queues them anew
            ExpectMsg<(int, bool, string?)>();
        }
        blocker.Tell("block", TestActor.Ref);
        ExpectMsg("blocking");

        foreach (IActorRef other in others)
            other.Tell(0, TestActor.Ref);
        Assert.Equal([3], lanes.WaitingPerLane);

        gate.Set();
        for (int i = 0; i < 3; i++)
            ExpectMsg<(int, bool, string?)>();
        Assert.Equal([0], lanes.WaitingPerLane);
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(ManualResetEventSlim gate) : this(gate, null)
        {
        }

        public Blocker(ManualResetEventSlim gate, ManualResetEventSlim? entered) => Receive<string>(_ =>
        {
            entered?.Set();
            Sender.Tell("blocking", Self);
            gate.Wait(TimeSpan.FromSeconds(10)); // holds the lane, as a turn must never do outside this test
        });
    }

    [Fact]
    public void Work_given_to_the_lanes_goes_to_the_lane_with_the_fewest_actors_waiting()
    {
        LaneDispatcher lanes = Lanes("pick", 2);
        using var gate = new ManualResetEventSlim();
        IActorRef blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate)).WithDispatcher("pick"));
        var reporters = Enumerable.Range(0, 2).Select(_ => Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("pick"))).ToList();
        foreach (IActorRef reporter in reporters)
        {
            reporter.Tell(0, TestActor.Ref); // placed: lane 1, then lane 0 beside the blocker
            ExpectMsg<(int, bool, string?)>();
        }
        blocker.Tell("block", TestActor.Ref);
        ExpectMsg("blocking");
        reporters[1].Tell(1, TestActor.Ref); // waits behind the blocker
        Assert.Equal([1, 0], lanes.WaitingPerLane);

        lanes.Execute(new ReportThread(TestActor.Ref));
        Assert.Equal(("pick-1", false), ExpectMsg<(string, bool)>());

        gate.Set();
        Assert.Equal("pick-0", ExpectMsg<(int, bool, string?)>().Item3);
    }

    [Fact]
    public void Work_goes_to_an_idle_lane_rather_than_one_busy_with_a_turn_and_nobody_waiting()
    {
        LaneDispatcher lanes = Lanes("idle", 2);
        using var gate = new ManualResetEventSlim();
        IActorRef blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate)).WithDispatcher("idle"));
        IActorRef other = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("idle"));
        other.Tell(0, TestActor.Ref); // places it (lane 1) and starts lane 1's thread
        ExpectMsg<(int, bool, string?)>();
        blocker.Tell("block", TestActor.Ref);
        ExpectMsg("blocking");
        AwaitAssert(() => Assert.True(lanes.HasIdleLane)); // lane 1 parks; lane 0 runs the blocker, nobody waiting
        Assert.Equal([0, 0], lanes.WaitingPerLane);

        lanes.Execute(new ReportThread(TestActor.Ref));
        Assert.Equal(("idle-1", false), ExpectMsg<(string, bool)>());
        gate.Set();
    }

    // The spin tests wait on events the lane thread sets, not on replies to the test actor: the test actor runs on the
    // thread pool, which, while lanes spin and the machine looks saturated, may not get a thread (see LaneDispatcher).
    [Fact]
    public void A_lane_out_of_work_spins_for_its_idle_spin_before_it_parks()
    {
        LaneDispatcher lanes = Lanes("spin", 1, idleSpin: TimeSpan.FromMilliseconds(500));
        IActorRef actor = Sys.ActorOf(Props.Create<Signaller>().WithDispatcher("spin"));
        using var ran = new ManualResetEventSlim();
        actor.Tell(ran, ActorRefs.NoSender);
        Assert.True(ran.Wait(TimeSpan.FromSeconds(5)));
        Assert.False(lanes.HasIdleLane); // spinning: a message now needs no wake-up

        AwaitAssert(() => Assert.True(lanes.HasIdleLane), TimeSpan.FromSeconds(5)); // the spin ended: parked
        using var again = new ManualResetEventSlim();
        actor.Tell(again, ActorRefs.NoSender); // and woken again
        Assert.True(again.Wait(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Work_goes_to_a_spinning_lane_rather_than_one_busy_with_a_turn()
    {
        LaneDispatcher lanes = Lanes("spinning", 2, idleSpin: TimeSpan.FromSeconds(5)); // longer than the test
        using var gate = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        try
        {
            IActorRef blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate, entered)).WithDispatcher("spinning"));
            IActorRef other = Sys.ActorOf(Props.Create<Signaller>().WithDispatcher("spinning"));
            using var ran = new ManualResetEventSlim();
            other.Tell(ran, ActorRefs.NoSender); // placed on lane 1, which then spins for work
            Assert.True(ran.Wait(TimeSpan.FromSeconds(5)));
            blocker.Tell("block", ActorRefs.NoSender);
            Assert.True(entered.Wait(TimeSpan.FromSeconds(5)));
            Assert.False(lanes.HasIdleLane); // neither lane is parked
            Assert.Equal([0, 0], lanes.WaitingPerLane);

            var work = new RecordThread();
            lanes.Execute(work);
            Assert.True(work.Ran.Wait(TimeSpan.FromSeconds(5)));
            Assert.Equal("spinning-1", work.ThreadName);
        }
        finally
        {
            gate.Set();
            lanes.Dispose(); // ends the spin now
        }
    }

    /// <summary>Sets the event it is sent.</summary>
    private sealed class Signaller : ReceiveActor
    {
        public Signaller() => Receive<ManualResetEventSlim>(e => e.Set());
    }

    /// <summary>Work that notes the name of the thread it ran on.</summary>
    private sealed class RecordThread : IThreadPoolWorkItem
    {
        public ManualResetEventSlim Ran { get; } = new();

        public string? ThreadName { get; private set; }

        public void Execute()
        {
            ThreadName = Thread.CurrentThread.Name;
            Ran.Set();
        }
    }

    [Fact]
    public void Work_given_to_a_lane_runs_before_the_actors_already_waiting_there()
    {
        Lanes("first", 1);
        using var gate = new ManualResetEventSlim();
        IActorRef blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate)).WithDispatcher("first"));
        IActorRef reporter = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("first"));
        reporter.Tell(0, TestActor.Ref);
        ExpectMsg<(int, bool, string?)>();
        blocker.Tell("block", TestActor.Ref);
        ExpectMsg("blocking");

        reporter.Tell(1, TestActor.Ref);                                  // ready first...
        Sys.Dispatchers.Lookup("first").Execute(new ReportThread(TestActor.Ref)); // ...but the work runs first
        gate.Set();
        Assert.Equal(("first-0", false), ExpectMsg<(string, bool)>());
        ExpectMsg<(int, bool, string?)>();
    }

    [Fact]
    public void Work_given_to_stopped_lanes_runs_on_the_thread_pool()
    {
        LaneDispatcher lanes = Lanes("stopped-work", 1);
        lanes.Execute(new ReportThread(TestActor.Ref));
        Assert.Equal(("stopped-work-0", false), ExpectMsg<(string, bool)>());
        lanes.Dispose();
        lanes.Execute(new ReportThread(TestActor.Ref));
        Assert.True(ExpectMsg<(string, bool)>().Item2);
    }

    /// <summary>Work that tells <c>to</c> the name of the thread it ran on and whether it is a pool thread.</summary>
    private sealed class ReportThread(IActorRef to) : IThreadPoolWorkItem
    {
        public void Execute() => to.Tell((Thread.CurrentThread.Name ?? "", Thread.CurrentThread.IsThreadPoolThread), ActorRefs.NoSender);
    }

    [Fact]
    public void After_the_lanes_stop_turns_run_on_the_thread_pool()
    {
        LaneDispatcher lanes = Lanes("stopping", 1);
        IActorRef actor = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("stopping"));
        actor.Tell(1, TestActor.Ref);
        Assert.False(ExpectMsg<(int, bool, string?)>().Item2);

        lanes.Dispose();
        for (int i = 0; i < 3; i++)
        {
            actor.Tell(i, TestActor.Ref);
            Assert.True(ExpectMsg<(int, bool, string?)>().Item2);
        }
    }

    /// <summary>Work that tells <c>to</c> the thread it ran on, whether it is a pool thread, and when it ran (a Stopwatch timestamp).</summary>
    private sealed class ReportTimedRun(IActorRef to) : IThreadPoolWorkItem
    {
        public void Execute() => to.Tell((Thread.CurrentThread.Name ?? "", Thread.CurrentThread.IsThreadPoolThread, Stopwatch.GetTimestamp()), ActorRefs.NoSender);
    }

    [Fact]
    public void Timed_work_runs_on_the_lanes_in_turn_never_before_its_deadline()
    {
        LaneDispatcher lanes = Lanes("timed", 2);
        var threads = new HashSet<string>();
        for (int i = 0; i < 4; i++)
        {
            long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 50; // 20 ms
            Assert.True(lanes.TryExecuteAt(deadline, new ReportTimedRun(TestActor.Ref)));
            (string thread, bool pool, long ranAt) = ExpectMsg<(string, bool, long)>();
            Assert.False(pool);
            Assert.True(ranAt >= deadline, "timed work must not run before its deadline");
            threads.Add(thread);
        }
        Assert.Equal(new HashSet<string> { "timed-0", "timed-1" }, threads);
    }

    /// <summary>Counts its run, and whether it ran before its deadline.</summary>
    private sealed class CountTimedRun(long deadline, CountdownEvent done, StrongBox<int> early) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            if (Stopwatch.GetTimestamp() < deadline)
                Interlocked.Increment(ref early.Value);
            done.Signal();
        }
    }

    [Fact]
    public void Timed_work_from_many_threads_with_deadlines_in_any_order_all_runs_none_early()
    {
        LaneDispatcher lanes = Lanes("many-timed", 2);
        const int threads = 4, each = 50;
        using var done = new CountdownEvent(threads * each);
        var early = new StrongBox<int>();
        Parallel.For(0, threads, t =>
        {
            var random = new Random(t);
            for (int i = 0; i < each; i++)
            {
                long deadline = Stopwatch.GetTimestamp() + random.Next(0, 50) * Stopwatch.Frequency / 1000; // 0-49 ms
                Assert.True(lanes.TryExecuteAt(deadline, new CountTimedRun(deadline, done, early)));
            }
        });
        Assert.True(done.Wait(TimeSpan.FromSeconds(10)), $"{done.CurrentCount} timed items never ran");
        Assert.Equal(0, early.Value);
    }

    [Fact]
    public void A_lane_sleeping_until_timed_work_wakes_for_a_message_and_keeps_the_work_for_its_deadline()
    {
        LaneDispatcher lanes = Lanes("sleeper", 1);
        IActorRef actor = Sys.ActorOf(Props.Create<ThreadReporter>().WithDispatcher("sleeper"));
        actor.Tell(0, TestActor.Ref);
        ExpectMsg<(int, bool, string?)>();

        long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency; // 1 s: the lane parks until then
        Assert.True(lanes.TryExecuteAt(deadline, new ReportTimedRun(TestActor.Ref)));
        Thread.Sleep(50);
        actor.Tell(1, TestActor.Ref);
        Assert.Equal("sleeper-0", ExpectMsg<(int, bool, string?)>(timeout: TimeSpan.FromMilliseconds(800)).Item3); // well before the deadline
        (string thread, _, long ranAt) = ExpectMsg<(string, bool, long)>(timeout: TimeSpan.FromSeconds(5));
        Assert.Equal("sleeper-0", thread);
        Assert.True(ranAt >= deadline);
    }

    [Fact]
    public void Timed_work_pending_when_the_lanes_stop_runs_at_once_on_the_thread_pool()
    {
        LaneDispatcher lanes = Lanes("stopped-timed", 1);
        Assert.True(lanes.TryExecuteAt(Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency, new ReportTimedRun(TestActor.Ref)));
        lanes.Dispose();
        Assert.True(ExpectMsg<(string, bool, long)>(timeout: TimeSpan.FromSeconds(5)).Item2);
        Assert.False(lanes.TryExecuteAt(Stopwatch.GetTimestamp(), new ReportTimedRun(TestActor.Ref)));
    }

    [Fact]
    public async Task A_terminated_system_stops_its_lane_threads()
    {
        var threads = new ConcurrentBag<Thread>();
        ActorSystem system = ActorSystem.Create("lanes-end");
        IActorRef actor = system.ActorOf(Props.Create(() => new ThreadCapture(threads)).WithDispatcher(Dispatchers.LanesId));
        await actor.Ask<bool>("capture", TimeSpan.FromSeconds(5));
        Thread lane = Assert.Single(threads);
        Assert.True(lane.IsAlive);

        await system.Terminate();
        Assert.True(lane.Join(TimeSpan.FromSeconds(5)), "the lane thread should end once the system has terminated");
    }

    private sealed class ThreadCapture : ReceiveActor
    {
        public ThreadCapture(ConcurrentBag<Thread> threads) => Receive<string>(_ =>
        {
            threads.Add(Thread.CurrentThread);
            Sender.Tell(true, Self);
        });
    }
}
