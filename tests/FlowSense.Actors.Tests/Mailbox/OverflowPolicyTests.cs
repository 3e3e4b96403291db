namespace FlowSense.Actors.Tests.Mailbox;

public sealed class OverflowPolicyTests : TestKit.TestKit
{
    [Fact]
    public void Drop_sends_exactly_the_overflow_to_dead_letters_and_counts_it()
    {
        using var gate = new ManualResetEventSlim(false);
        IActorRef consumer = Sys.ActorOf(BlockingConsumer.For(TestActor.Ref, gate, capacity: 5, MailboxOverflow.Drop), "consumer");
        consumer.Tell(0, null);
        ExpectMsg(0);
        long before = Sys.DeadLetterCount;
        var dropped = new List<int>();
        using (Sys.EventStream.Subscribe<DeadLetter>(d =>
               {
                   lock (dropped)
                       dropped.Add((int)d.Message);
               }))
        {
            for (int i = 1; i <= 20; i++)
                consumer.Tell(i, null);
        }

        Assert.Equal(Enumerable.Range(6, 15), dropped);
        Assert.Equal(15, Sys.DeadLetterCount - before);
        Assert.Equal(15, Sys.Hierarchy().Find("/user/consumer")!.DroppedCount);
        gate.Set();
        Assert.Equal(Enumerable.Range(1, 5), TestActor.ReceiveN<int>(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Fail_throws_to_the_sender_and_keeps_what_fits()
    {
        using var gate = new ManualResetEventSlim(false);
        IActorRef consumer = Sys.ActorOf(BlockingConsumer.For(TestActor.Ref, gate, capacity: 3, MailboxOverflow.Fail));
        consumer.Tell(0, null);
        ExpectMsg(0);
        for (int i = 1; i <= 3; i++)
            consumer.Tell(i, null);
        MailboxFullException full = Assert.Throws<MailboxFullException>(() => consumer.Tell(4, null));
        Assert.Same(consumer, full.Recipient);
        Assert.Equal(3, full.Capacity);
        gate.Set();
        Assert.Equal([1, 2, 3], TestActor.ReceiveN<int>(3));
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        using var gate = new ManualResetEventSlim(false);
        IActorRef consumer = Sys.ActorOf(BlockingConsumer.For(TestActor.Ref, gate, capacity: 100, MailboxOverflow.Backpressure));
        consumer.Tell(0, null);
        ExpectMsg(0);
        for (int i = 1; i <= 10; i++)
            consumer.Tell(i, null);
        TestKit.TestProbe watcher = CreateTestProbe();
        watcher.Watch(consumer);
        ExpectDeadLetters<int>(10, () =>
        {
            Sys.Stop(consumer); // a system message: handled before the 10 queued messages
            gate.Set();
            watcher.ExpectTerminated(consumer);
        });
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Mailbox_settings_default_to_the_system_options()
    {
        var options = new ActorSystemOptions { DefaultMailbox = new MailboxOptions { Capacity = 2, Overflow = MailboxOverflow.Fail } };
        using ActorSystem system = ActorSystem.Create("defaults", options);
        using var gate = new ManualResetEventSlim(false);
        IActorRef consumer = system.ActorOf(Props.Create(() => new BlockingConsumer(TestActor.Ref, gate)));
        consumer.Tell(0, null);
        ExpectMsg(0);
        consumer.Tell(1, null);
        consumer.Tell(2, null);
        Assert.Throws<MailboxFullException>(() => consumer.Tell(3, null));
        gate.Set();
    }
}
