using FlowSense.Actors;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// Where symbol actors send their <see cref="SymbolEventsAck"/>s for one ingestion run: a reference that is not an
/// actor, so an acknowledgement costs a counter update on the acknowledging actor's thread, with no mailbox and no
/// allocation. When the last slice of a buffer is acknowledged, the buffer goes back to the run's pool.
/// </summary>
internal sealed class AckReceiver(string name, IngestionCounters counters, FreeBuffers pool, Action<SymbolEventsAck>? observer) : IActorRef
{
    private long _unexpected;

    public ActorPath Path { get; } = ActorPath.Root.Child("temp").Child("ingestion-" + name.Replace('/', '_').Replace(' ', '_'));

    /// <summary>Replies that were not acknowledgements (none are expected; counted, never thrown).</summary>
    public long Unexpected => Interlocked.Read(ref _unexpected);

    public void Tell(object message, IActorRef? sender)
    {
        if (message is not SymbolEventsAck { Events.Delivery: SliceBuffer buffer } ack)
        {
            Interlocked.Increment(ref _unexpected);
            return;
        }
        ack.Events.IsAcknowledged = true;
        counters.CountAck(ack);
        observer?.Invoke(ack);
        if (buffer.Acknowledge())
            pool.Return(buffer);
    }

    public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default)
    {
        Tell(message, sender);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Path.ToString();
}
