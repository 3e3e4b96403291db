using FlowSense.Actors.TestKit;

namespace FlowSense.Actors.Tests.Probes;

public sealed class TestProbeTests : TestKit.TestKit
{
    private sealed class Accumulator : ReceiveActor
    {
        public Accumulator() => Receive<int>(i => Total += i);

        public int Total { get; private set; }
    }

    [Fact]
    public void ExpectMsg_fails_on_the_wrong_type_a_failed_predicate_or_a_timeout()
    {
        TestActor.Ref.Tell("text", null);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>());
        TestActor.Ref.Tell(3, null);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(i => i > 5));
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(timeout: TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Ref.Tell("surprise", null);
        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromSeconds(5))); // fails as soon as it arrives
    }

    [Fact]
    public void FishForMessage_skips_until_the_target_and_ReceiveWhile_stops_at_the_first_miss()
    {
        foreach (object m in new object[] { 1, "skip", 2, "target", 10, 20, "stop", 30 })
            TestActor.Ref.Tell(m, null);
        Assert.Equal("target", FishForMessage<string>(s => s == "target"));
        IReadOnlyList<string> collected = ReceiveWhile(m => m is int i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, idle: TimeSpan.FromMilliseconds(200));
        Assert.Equal(["10", "20"], collected);
        ExpectMsg(30);
    }

    [Fact]
    public void Within_checks_the_duration_and_caps_expectations()
    {
        Within(TimeSpan.Zero, TimeSpan.FromSeconds(2), () => TestActor.Ref.Tell(1, null));
        ExpectMsg(1);
        Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.Zero, TimeSpan.FromMilliseconds(100), () => ExpectMsg<int>()));
        Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), () => { }));
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_holds()
    {
        int calls = 0;
        AwaitAssert(() => Assert.True(++calls >= 3));
        Assert.Equal(3, calls);
        Assert.ThrowsAny<Exception>(() => AwaitAssert(() => Assert.Fail("never"), TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void TestActorRef_handles_messages_synchronously_and_exposes_state()
    {
        TestActorRef<Accumulator> actor = ActorOfAsTestActorRef<Accumulator>(Props.Create<Accumulator>());
        actor.Tell(2, null);
        actor.Tell(40, null);
        Assert.Equal(42, actor.UnderlyingActor.Total);
    }

    [Fact]
    public void Probes_reply_to_the_last_sender_and_forward_keeping_it()
    {
        TestProbe a = CreateTestProbe();
        TestProbe b = CreateTestProbe();
        a.Send(b.Ref, "question");
        b.ExpectMsg("question");
        b.Reply("answer");
        a.ExpectMsg("answer");
        Assert.Same(b.Ref, a.LastSender);
        b.Forward(TestActor.Ref);
        ExpectMsg("question");
        Assert.Same(a.Ref, TestActor.LastSender);
    }

    [Fact]
    public void Dead_letter_and_log_filters_count_exactly()
    {
        Assert.Throws<TestKitAssertionException>(() =>
            ExpectDeadLetters<string>(1, () =>
            {
                Sys.DeadLetters.Tell("one", null);
                Sys.DeadLetters.Tell("two", null);
            }, TimeSpan.FromMilliseconds(200)));
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Information, "Coordinated shutdown started", 1,
            () => Sys.CoordinatedShutdown.RunAsync("filters").Wait());
    }
}

public sealed class VirtualTimeTests
{
    [Fact]
    public void Timers_fire_in_due_order_periodic_ones_repeat_and_disposed_ones_never_fire()
    {
        var time = new VirtualTime();
        var fired = new List<string>();
        using ITimer late = time.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using ITimer periodic = time.CreateTimer(_ => fired.Add("tick"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        ITimer cancelled = time.CreateTimer(_ => fired.Add("cancelled"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        cancelled.Dispose();
        DateTimeOffset start = time.GetUtcNow();

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["tick", "tick", "late", "tick"], fired); // at t=3 "late" and "tick" tie: creation order decides
        Assert.Equal(start.AddSeconds(3), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(3), time.GetElapsedTime(time.GetTimestamp() - (3 * TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void A_late_advance_fires_what_fell_due_once_and_every_callback_sees_the_new_time()
    {
        var time = new VirtualTime();
        DateTimeOffset start = time.GetUtcNow();
        var fired = new List<(string Name, TimeSpan At)>();
        using ITimer once = time.CreateTimer(_ => fired.Add(("once", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using ITimer periodic = time.CreateTimer(_ => fired.Add(("tick", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.AdvanceLate(TimeSpan.FromSeconds(3));

        // Like a descheduled process: the missed ticks of the periodic timer collapse into one, at the late time.
        Assert.Equal([("tick", TimeSpan.FromSeconds(3)), ("once", TimeSpan.FromSeconds(3))], fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(("tick", TimeSpan.FromSeconds(4)), fired[^1]);
    }

    [Fact]
    public void NextDue_is_the_earliest_waiting_timer_and_follows_changes()
    {
        var time = new VirtualTime();
        DateTimeOffset start = time.GetUtcNow();
        Assert.Null(time.NextDue);
        using ITimer later = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using ITimer sooner = time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        Assert.Equal(start.AddSeconds(2), time.NextDue);

        sooner.Change(TimeSpan.FromSeconds(9), Timeout.InfiniteTimeSpan);
        Assert.Equal(start.AddSeconds(5), time.NextDue);
        time.Advance(TimeSpan.FromSeconds(6)); // fires "later"
        Assert.Equal(start.AddSeconds(9), time.NextDue);
        sooner.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.Null(time.NextDue);
    }
}
