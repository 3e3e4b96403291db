namespace FlowSense.Actors.Tests.Mailbox;

public sealed class BackpressureTests : TestKit.TestKit
{
    [Fact]
    public async Task A_fast_producer_is_slowed_to_the_consumer_and_loses_nothing()
    {
        using var gate = new ManualResetEventSlim(false);
        IActorRef consumer = Sys.ActorOf(BlockingConsumer.For(TestActor.Ref, gate, capacity: 10, MailboxOverflow.Backpressure), "consumer");
        await consumer.TellAsync(0, null);
        ExpectMsg(0); // the consumer now blocks with an empty mailbox

        for (int i = 1; i <= 10; i++)
            Assert.True(consumer.TellAsync(i, null).IsCompletedSuccessfully); // room for exactly the capacity
        ValueTask slowed = consumer.TellAsync(11, null);
        Assert.False(slowed.IsCompleted); // the producer must wait

        Task producer = Task.Run(async () =>
        {
            await slowed;
            for (int i = 12; i < 2000; i++)
                await consumer.TellAsync(i, null);
        });
        gate.Set();
        await producer.WaitAsync(TimeSpan.FromSeconds(10));

        IReadOnlyList<int> received = TestActor.ReceiveN<int>(1999, TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(1, 1999), received);
        Assert.Equal(0, Sys.Hierarchy().Find("/user/consumer")!.OverCapacityCount); // TellAsync never overfills
    }

    [Fact]
    public void A_plain_Tell_to_a_full_backpressure_mailbox_is_kept_and_counted_as_over_capacity()
    {
        using var gate = new ManualResetEventSlim(false);
        IActorRef consumer = Sys.ActorOf(BlockingConsumer.For(TestActor.Ref, gate, capacity: 4, MailboxOverflow.Backpressure), "consumer");
        consumer.Tell(0, null);
        ExpectMsg(0);
        for (int i = 1; i <= 10; i++)
            consumer.Tell(i, null);
        ActorNode node = Sys.Hierarchy().Find("/user/consumer")!;
        Assert.Equal(10, node.MailboxDepth);
        Assert.Equal(6, node.OverCapacityCount);
        gate.Set();
        Assert.Equal(Enumerable.Range(1, 10), TestActor.ReceiveN<int>(10));
    }

    [Fact]
    public async Task A_waiting_producer_can_be_cancelled()
    {
        using var gate = new ManualResetEventSlim(false);
        IActorRef consumer = Sys.ActorOf(BlockingConsumer.For(TestActor.Ref, gate, capacity: 1, MailboxOverflow.Backpressure));
        consumer.Tell(0, null);
        ExpectMsg(0);
        await consumer.TellAsync(1, null);
        using var cancellation = new CancellationTokenSource();
        ValueTask waiting = consumer.TellAsync(2, null, cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        gate.Set();
        ExpectMsg(1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
