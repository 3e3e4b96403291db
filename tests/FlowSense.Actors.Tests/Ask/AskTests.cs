namespace FlowSense.Actors.Tests.Ask;

public sealed class AskTests() : TestKit.TestKit(virtualTime: true)
{
    private sealed record Question(string Text);

    private sealed class Answerer : ReceiveActor
    {
        public Answerer()
        {
            Receive<Question>(q => Sender.Tell(q.Text.Length, Self), q => q.Text != "fail" && q.Text != "silent");
            Receive<Question>(_ => Sender.Tell(new Status.Failure(new InvalidOperationException("no answer")), Self), q => q.Text == "fail");
            Receive<Question>(_ => { }, q => q.Text == "silent");
        }
    }

    [Fact]
    public async Task Ask_returns_the_typed_reply()
    {
        IActorRef answerer = Sys.ActorOf(Props.Create<Answerer>());
        Assert.Equal(5, await answerer.Ask<int>(new Question("hello"), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_times_out_with_an_exception_naming_the_target_and_the_timeout()
    {
        IActorRef answerer = Sys.ActorOf(Props.Create<Answerer>(), "answerer");
        Task<int> reply = answerer.Ask<int>(new Question("silent"), TimeSpan.FromSeconds(2));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(reply.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(1));
        AskTimeoutException timeout = await Assert.ThrowsAsync<AskTimeoutException>(() => reply);
        Assert.Contains("/user/answerer", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("2000 ms", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), timeout.Timeout);
    }

    [Fact]
    public async Task Ask_uses_the_configured_default_timeout()
    {
        IActorRef answerer = Sys.ActorOf(Props.Create<Answerer>());
        Task<int> reply = answerer.Ask<int>(new Question("silent"));
        Time.Advance(Sys.Options.AskTimeout);
        AskTimeoutException timeout = await Assert.ThrowsAsync<AskTimeoutException>(() => reply);
        Assert.Equal(Sys.Options.AskTimeout, timeout.Timeout);
    }

    [Fact]
    public async Task Ask_to_a_dead_actor_fails_at_once_not_by_timeout()
    {
        IActorRef answerer = Sys.ActorOf(Props.Create<Answerer>());
        Watch(answerer);
        Sys.Stop(answerer);
        ExpectTerminated(answerer);
        Task<int> reply = answerer.Ask<int>(new Question("hello"), TimeSpan.FromDays(1));
        AskDeliveryFailedException failure = await Assert.ThrowsAsync<AskDeliveryFailedException>(() => reply); // no time advanced
        Assert.Same(answerer, failure.Target);
    }

    [Fact]
    public async Task A_failure_reply_faults_the_ask_with_its_cause()
    {
        IActorRef answerer = Sys.ActorOf(Props.Create<Answerer>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => answerer.Ask<int>(new Question("fail"), TimeSpan.FromSeconds(5)));
        Assert.Equal("no answer", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_is_a_clear_error()
    {
        IActorRef answerer = Sys.ActorOf(Props.Create<Answerer>());
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => answerer.Ask<string>(new Question("abc"), TimeSpan.FromSeconds(5)));
        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_an_ask_cancels_its_task()
    {
        IActorRef answerer = Sys.ActorOf(Props.Create<Answerer>());
        using var cancellation = new CancellationTokenSource();
        Task<int> reply = answerer.Ask<int>(new Question("silent"), TimeSpan.FromSeconds(5), cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reply);
    }
}
