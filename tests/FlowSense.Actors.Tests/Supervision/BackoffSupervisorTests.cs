namespace FlowSense.Actors.Tests.Supervision;

public sealed class BackoffSupervisorTests() : TestKit.TestKit(virtualTime: true)
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static readonly BackoffOptions Options = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), 0.2)
    {
        ResetAfter = TimeSpan.FromSeconds(30),
        RandomSeed = 7,
    };

    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef probe)
        {
            probe.Tell("started", Self);
            Receive<string>(_ => throw new InvalidOperationException("connection lost"), s => s == "boom");
            Receive<string>(s => probe.Tell("echo " + s, Self));
        }
    }

    private (IActorRef Supervisor, TestKit.TestProbe Events) Start(BackoffOptions options)
    {
        TestKit.TestProbe events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(BackoffRestartScheduled));
        Props child = Props.Create(() => new Flaky(TestActor.Ref));
        IActorRef supervisor = Sys.ActorOf(BackoffSupervisor.Props(child, "connector", options), "backoff");
        ExpectMsg("started");
        return (supervisor, events);
    }

    /// <summary>Fails the child and checks it comes back exactly after the scheduled delay; returns that delay.</summary>
    private BackoffRestartScheduled FailAndRestart(IActorRef supervisor, TestKit.TestProbe events)
    {
        supervisor.Tell("boom", null);
        BackoffRestartScheduled scheduled = events.ExpectMsg<BackoffRestartScheduled>();
        // The event comes once the restart is scheduled: moving the clock now cannot outrun the timer.
        Assert.Equal(Time.GetUtcNow() + scheduled.Delay, Time.NextDue);
        Time.Advance(scheduled.Delay - Tick);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Time.Advance(Tick);
        ExpectMsg("started");
        return scheduled;
    }

    private static void AssertWithinJitter(int restartNumber, TimeSpan delay)
    {
        double baseSeconds = Math.Min(8, Math.Pow(2, restartNumber));
        Assert.InRange(delay.TotalSeconds, baseSeconds, baseSeconds * 1.2);
    }

    [Fact]
    public void Delays_double_up_to_the_maximum_and_carry_jitter()
    {
        (IActorRef supervisor, TestKit.TestProbe events) = Start(Options);
        var delays = new List<TimeSpan>();
        for (int n = 0; n < 6; n++)
        {
            BackoffRestartScheduled scheduled = FailAndRestart(supervisor, events);
            Assert.Equal(n, scheduled.RestartNumber);
            AssertWithinJitter(n, scheduled.Delay);
            delays.Add(scheduled.Delay);
        }
        // Jitter: the delays are not the bare powers of two, and the capped ones differ from each other.
        Assert.Contains(delays, d => d.TotalSeconds != Math.Min(8, Math.Pow(2, delays.IndexOf(d))));
        Assert.NotEqual(delays[4], delays[5]);
    }

    [Fact]
    public void The_backoff_resets_after_a_stable_period()
    {
        (IActorRef supervisor, TestKit.TestProbe events) = Start(Options);
        FailAndRestart(supervisor, events);
        FailAndRestart(supervisor, events);
        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor.Ref);
        ExpectMsg(new BackoffSupervisor.RestartCount(2));

        Time.Advance(TimeSpan.FromSeconds(30)); // stable for ResetAfter
        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor.Ref);
        ExpectMsg(new BackoffSupervisor.RestartCount(0));

        BackoffRestartScheduled next = FailAndRestart(supervisor, events);
        Assert.Equal(0, next.RestartNumber);
        AssertWithinJitter(0, next.Delay);
    }

    [Fact]
    public void The_supervisor_stops_when_its_retries_are_exhausted()
    {
        (IActorRef supervisor, TestKit.TestProbe events) = Start(Options with { MaxRetries = 2 });
        Watch(supervisor);
        FailAndRestart(supervisor, events);
        FailAndRestart(supervisor, events);
        supervisor.Tell("boom", null);
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void Messages_are_forwarded_to_the_child_and_dead_lettered_while_it_is_down()
    {
        (IActorRef supervisor, TestKit.TestProbe events) = Start(Options);
        supervisor.Tell("hello", TestActor.Ref);
        ExpectMsg("echo hello");
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor.Ref);
        Assert.Equal("/user/backoff/connector", ExpectMsg<BackoffSupervisor.CurrentChild>().Child!.Path.ToString());

        supervisor.Tell("boom", null);
        events.ExpectMsg<BackoffRestartScheduled>();
        ExpectDeadLetters<string>(1, () => supervisor.Tell("while down", null));
    }

    [Fact]
    public void The_delay_formula_matches_Akka()
    {
        var options = new BackoffOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0.5);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.DelayFor(0, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(150), options.DelayFor(0, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(800), options.DelayFor(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), options.DelayFor(4, 0));
        Assert.Equal(TimeSpan.FromSeconds(1.25), options.DelayFor(40, 0.5));
    }
}
