using FlowSense.Actors;
using FlowSense.Actors.Streams;

namespace FlowSense.Feeds.Benchmarks.Pipeline;

/// <summary>One of the partition actors: counts the events of each batch it receives and acknowledges it.</summary>
internal sealed class AckingActor : ReceiveActor
{
    public AckingActor(long[] events, long[] batches, int index)
    {
        Receive<StreamInit>(_ => Sender.Tell(StreamAck.Instance, Self));
        Receive<IReadOnlyList<RoutedEvent>>(batch =>
        {
            events[index] += batch.Count;
            batches[index]++;
            Sender.Tell(StreamAck.Instance, Self);
        });
        Receive<StreamCompleted>(_ => { });
    }
}
