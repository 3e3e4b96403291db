namespace FlowSense.Actors.Tests.Supervision;

public sealed class RetryLimitTests() : SupervisionTestBase(virtualTime: true)
{
    private static readonly Exception Boom = new InvalidOperationException("boom");

    [Fact]
    public void Exhausting_the_retries_inside_the_window_stops_the_child()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), Always(Directive.Restart)));
        IActorRef a = StartWorker(parent, "a");
        Watch(a);
        for (int i = 0; i < 2; i++)
        {
            a.Tell(new Fail(Boom), null);
            FishForMessage<string>(s => s == "start a"); // restarted
        }
        a.Tell(new Fail(Boom), null);                      // third failure within the minute
        FishForMessage<Terminated>(t => ReferenceEquals(t.Actor, a));
    }

    [Fact]
    public void Retries_are_counted_per_window()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), Always(Directive.Restart)));
        IActorRef a = StartWorker(parent, "a");
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 2; i++)
            {
                a.Tell(new Fail(Boom), null);
                FishForMessage<string>(s => s == "start a");
            }
            Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1)); // a new window
        }
        Assert.Equal(0, Count(a));
        Assert.Equal(6, Sys.Hierarchy().Find("/user/parent/a")!.RestartCount);
    }

    [Fact]
    public void Zero_retries_stops_at_the_first_failure()
    {
        IActorRef parent = StartParent(new OneForOneStrategy(0, null, Always(Directive.Restart)));
        IActorRef a = StartWorker(parent, "a");
        Watch(a);
        a.Tell(new Fail(Boom), null);
        FishForMessage<Terminated>(t => ReferenceEquals(t.Actor, a));
    }
}
