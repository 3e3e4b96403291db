namespace FlowSense.Actors.Tests.Mailbox;

/// <summary>Reports every message to a probe; the first one blocks the actor until the gate opens, so the mailbox fills.</summary>
internal sealed class BlockingConsumer : ReceiveActor
{
    private bool _blocked;

    public BlockingConsumer(IActorRef probe, ManualResetEventSlim gate)
    {
        ReceiveAny(m =>
        {
            probe.Tell(m, Self);
            if (_blocked)
                return;
            _blocked = true;
            gate.Wait(TimeSpan.FromSeconds(10));
        });
    }

    public static Props For(IActorRef probe, ManualResetEventSlim gate, int capacity, MailboxOverflow overflow) =>
        Props.Create(() => new BlockingConsumer(probe, gate)).WithMailbox(capacity, overflow);
}
