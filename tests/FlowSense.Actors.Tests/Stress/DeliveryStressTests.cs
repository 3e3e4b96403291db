namespace FlowSense.Actors.Tests.Stress;

/// <summary>
/// Many producers × many actors through small bounded mailboxes: every message must arrive exactly once and in
/// per-sender order. Repeated to shake out races in the lock-free queue, the scheduling flag and back-pressure.
/// </summary>
public sealed class DeliveryStressTests : TestKit.TestKit
{
    private const int Producers = 4;
    private const int Actors = 8;
    private const int MessagesPerPair = 5_000;

    private sealed record Item(int Producer, int Sequence);

    private sealed record Report(long Received, int OrderViolations);

    private sealed class Checker : ReceiveActor
    {
        private readonly int[] _last = Enumerable.Repeat(-1, Producers).ToArray();
        private long _received;
        private int _violations;

        public Checker()
        {
            Receive<Item>(item =>
            {
                if (item.Sequence != _last[item.Producer] + 1)
                    _violations++;
                _last[item.Producer] = item.Sequence;
                _received++;
            });
            Receive<string>(_ => Sender.Tell(new Report(_received, _violations), Self));
        }
    }

    [Theory]
    [InlineData(MailboxOverflow.Backpressure, 16)]
    [InlineData(MailboxOverflow.Backpressure, 1000)]
    public async Task Every_message_arrives_exactly_once_in_per_sender_order(MailboxOverflow overflow, int capacity)
    {
        for (int round = 0; round < 3; round++)
        {
            IActorRef[] checkers = [.. Enumerable.Range(0, Actors).Select(_ => Sys.ActorOf(Props.Create<Checker>().WithMailbox(capacity, overflow)))];
            Task[] producers = [.. Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
            {
                for (int seq = 0; seq < MessagesPerPair; seq++)
                {
                    foreach (IActorRef checker in checkers)
                    {
                        if ((p & 1) == 0)
                            checker.Tell(new Item(p, seq), null);            // plain Tell (may go over capacity)
                        else
                            await checker.TellAsync(new Item(p, seq), null);  // back-pressured
                    }
                }
            }))];
            await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(30));

            foreach (IActorRef checker in checkers)
            {
                Report report = await checker.Ask<Report>("report", TimeSpan.FromSeconds(10));
                Assert.Equal(0, report.OrderViolations);
                Assert.Equal((long)Producers * MessagesPerPair, report.Received);
                Sys.Stop(checker);
            }
        }
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    [Fact]
    public void The_queue_keeps_per_producer_order_while_growing_under_contention()
    {
        for (int round = 0; round < 3; round++)
        {
            var queue = new MailboxQueue();
            const int perProducer = 10_000;
            using var start = new Barrier(Producers + 1);
            Thread[] threads = [.. Enumerable.Range(0, Producers).Select(p => new Thread(() =>
            {
                start.SignalAndWait();
                for (int seq = 0; seq < perProducer; seq++)
                {
                    // A small capacity with over-capacity allowed forces concurrent ring growth.
                    while (queue.TryEnqueue(new Item(p, seq), null, 64, allowOverCapacity: (seq & 1) == 0, MailboxQueue.HardLimit) == EnqueueResult.Full)
                        Thread.Yield(); // let the consumer run: the machine may have fewer cores than threads
                }
            }))];
            foreach (Thread t in threads)
                t.Start();
            start.SignalAndWait();

            int[] last = Enumerable.Repeat(-1, Producers).ToArray();
            long received = 0;
            while (received < (long)Producers * perProducer)
            {
                if (!queue.TryDequeue(out Envelope envelope))
                {
                    Thread.Yield();
                    continue;
                }
                var item = (Item)envelope.Message;
                Assert.Equal(last[item.Producer] + 1, item.Sequence);
                last[item.Producer] = item.Sequence;
                received++;
            }
            foreach (Thread t in threads)
                t.Join();
            Assert.False(queue.TryDequeue(out _));
        }
    }
}
