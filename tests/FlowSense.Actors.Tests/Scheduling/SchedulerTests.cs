namespace FlowSense.Actors.Tests.Scheduling;

public sealed class SchedulerTests() : TestKit.TestKit(virtualTime: true)
{
    [Fact]
    public void ScheduleTellOnce_delivers_after_the_delay_on_virtual_time()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), TestActor.Ref, "tick", null);
        Time.Advance(TimeSpan.FromSeconds(9));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick");
        Time.Advance(TimeSpan.FromMinutes(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void ScheduleTellRepeatedly_repeats_until_cancelled()
    {
        ICancelable job = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor.Ref, "tick", null);
        Time.Advance(TimeSpan.FromSeconds(5)); // fires at 1, 3, 5
        Assert.Equal(["tick", "tick", "tick"], TestActor.ReceiveN<string>(3));
        job.Cancel();
        Assert.True(job.IsCancellationRequested);
        Time.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_cancelled_once_job_never_runs()
    {
        int runs = 0;
        ICancelable job = Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => runs++);
        job.Cancel();
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, runs);
    }

    [Fact]
    public void Jobs_run_in_due_order_and_see_the_clock_at_their_due_time()
    {
        var seen = new List<(string, DateTimeOffset)>();
        DateTimeOffset start = Sys.Scheduler.Now;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(3), () => seen.Add(("c", Sys.Scheduler.Now)));
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => seen.Add(("a", Sys.Scheduler.Now)));
        Sys.Scheduler.ScheduleRepeatedly(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), () => seen.Add(("b", Sys.Scheduler.Now)));
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([("a", start.AddSeconds(1)), ("b", start.AddSeconds(2)), ("c", start.AddSeconds(3))], seen);
    }

    [Fact]
    public void A_throwing_job_is_logged_and_does_not_stop_the_scheduler()
    {
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Error, "scheduled job threw", 1, () =>
        {
            Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("bad job"));
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor.Ref, "still running", null);
            Time.Advance(TimeSpan.FromSeconds(2));
        });
        ExpectMsg("still running");
    }
}
