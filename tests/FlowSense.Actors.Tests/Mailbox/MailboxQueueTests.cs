namespace FlowSense.Actors.Tests.Mailbox;

public sealed class MailboxQueueTests
{
    [Fact]
    public void Messages_come_out_in_order_across_ring_growth()
    {
        var queue = new MailboxQueue();
        for (int i = 0; i < 1000; i++)
            Assert.Equal(EnqueueResult.Enqueued, queue.TryEnqueue(i, null, 1000, false, MailboxQueue.SegmentSizeFor(1000)));
        Assert.Equal(1000, queue.Count);
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(queue.TryDequeue(out Envelope envelope));
            Assert.Equal(i, envelope.Message);
        }
        Assert.False(queue.TryDequeue(out _));
        Assert.False(queue.HasPending);
    }

    [Fact]
    public void Capacity_is_exact_even_when_it_is_not_a_power_of_two()
    {
        var queue = new MailboxQueue();
        int accepted = 0;
        while (queue.TryEnqueue(accepted, null, 37, false, MailboxQueue.SegmentSizeFor(37)) == EnqueueResult.Enqueued)
            accepted++;
        Assert.Equal(37, accepted);
        Assert.True(queue.TryDequeue(out _));
        Assert.Equal(EnqueueResult.Enqueued, queue.TryEnqueue(-1, null, 37, false, MailboxQueue.SegmentSizeFor(37)));
        Assert.Equal(EnqueueResult.Full, queue.TryEnqueue(-2, null, 37, false, MailboxQueue.SegmentSizeFor(37)));
    }

    [Fact]
    public void Over_capacity_enqueues_are_reported_and_wrap_around_keeps_order()
    {
        var queue = new MailboxQueue();
        int next = 0, expected = 0;
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 7; i++)
            {
                EnqueueResult result = queue.TryEnqueue(next++, null, 4, true, MailboxQueue.HardLimit);
                Assert.Equal(i < 4 ? EnqueueResult.Enqueued : EnqueueResult.EnqueuedOverCapacity, result);
            }
            while (queue.TryDequeue(out Envelope envelope))
                Assert.Equal(expected++, envelope.Message);
        }
        Assert.Equal(next, expected);
    }

    [Fact]
    public void The_ring_is_not_allocated_until_the_first_message()
    {
        var queue = new MailboxQueue();
        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryDequeue(out _));
    }
}
