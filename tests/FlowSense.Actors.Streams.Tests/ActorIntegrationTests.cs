using FlowSense.Actors.TestKit;

namespace FlowSense.Actors.Streams.Tests;

public class ActorIntegrationTests : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_acknowledging_sink_sends_the_next_element_only_after_the_ack()
    {
        var actor = CreateTestProbe("consumer");
        var handle = Source.From(Enumerable.Range(1, 3)).RunWith(ActorSink.WithAck<int>(actor.Ref));

        actor.ExpectMsg<StreamInit>();
        actor.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        actor.Reply(StreamAck.Instance);
        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(i, actor.ExpectMsg<int>());
            actor.ExpectNoMsg(TimeSpan.FromMilliseconds(50)); // nothing more until this one is acknowledged
            actor.Reply(StreamAck.Instance);
        }
        actor.ExpectMsg<StreamCompleted>();
        Assert.Equal(3, await handle.Completion.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_slow_acknowledging_actor_holds_the_source_to_its_pace()
    {
        var actor = CreateTestProbe("slow");
        var handle = Source.From(BackpressureTests.Naturals()).RunWith(ActorSink.WithAck<long>(actor.Ref));
        actor.ExpectMsg<StreamInit>();
        actor.Reply(StreamAck.Instance);
        for (int i = 0; i < 10; i++)
        {
            actor.ExpectMsg<long>();
            Assert.InRange(handle.Counters.Stage("source").Emitted, i + 1, i + 2);
            actor.Reply(StreamAck.Instance);
        }
        handle.KillSwitch.Shutdown();
        // The element already pulled before the shutdown, if any, still goes through; then the stream completes.
        while (actor.ExpectMsg<object>() is long)
            actor.Reply(StreamAck.Instance);
        Assert.IsType<StreamCompleted>(actor.LastMessage);
        await handle.Completion.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_failing_stream_tells_the_actor_why()
    {
        var actor = CreateTestProbe("told");
        var handle = Source.From(Failing()).RunWith(ActorSink.WithAck<int>(actor.Ref));
        actor.ExpectMsg<StreamInit>();
        actor.Reply(StreamAck.Instance);
        actor.ExpectMsg<int>();
        actor.Reply(StreamAck.Instance);
        Assert.Equal("feed lost", actor.ExpectMsg<StreamFailed>().Cause.Message);
        await Assert.ThrowsAsync<IOException>(() => handle.Completion.WaitAsync(Timeout));

        static IEnumerable<int> Failing()
        {
            yield return 1;
            throw new IOException("feed lost");
        }
    }

    [Fact]
    public async Task A_dead_actor_fails_the_stream_at_once()
    {
        var actor = CreateTestProbe("doomed");
        var target = Sys.ActorOf(Props.Create(() => new Forwarder(actor.Ref)), "forwarder");
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        var handle = Source.From(Enumerable.Range(1, 3)).RunWith(ActorSink.WithAck<int>(target));
        await Assert.ThrowsAsync<AskDeliveryFailedException>(() => handle.Completion.WaitAsync(Timeout));
    }

    [Fact]
    public async Task An_actor_fed_source_emits_what_actors_send_and_completes_on_request()
    {
        var feed = new ActorSource<string>(bufferSize: 8);
        var handle = feed.Source.RunWith(Sink.ToList<string>());
        var producer = Sys.ActorOf(Props.Create(() => new Forwarder(feed.Ref)), "producer");
        producer.Tell("a", null);
        producer.Tell("b", null);
        producer.Tell(42, null); // not a string: refused and counted
        producer.Tell(StreamCompleted.Instance, null);

        Assert.Equal(["a", "b"], await handle.Completion.WaitAsync(Timeout));
        Assert.Equal(1, feed.Dropped);
    }

    [Fact]
    public async Task An_actor_fed_source_back_pressures_TellAsync_and_counts_a_plain_Tell_into_a_full_buffer()
    {
        var feed = new ActorSource<int>(bufferSize: 2);
        await feed.Ref.TellAsync(1, null);
        await feed.Ref.TellAsync(2, null);
        var third = feed.Ref.TellAsync(3, null);
        Assert.False(third.IsCompleted); // full: the sender waits
        feed.Ref.Tell(4, null);           // full: a plain Tell is refused and counted
        Assert.Equal(1, feed.Dropped);

        var handle = feed.Source.RunWith(Sink.ToList<int>());
        await third;
        feed.Ref.Tell(StreamCompleted.Instance, null);
        Assert.Equal([1, 2, 3], await handle.Completion.WaitAsync(Timeout));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(message => target.Tell(message, Sender));
    }
}
