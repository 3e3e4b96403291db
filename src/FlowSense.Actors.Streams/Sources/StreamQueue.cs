using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>
/// A bounded queue that feeds a source from outside the graph (an actor, a socket callback). <see cref="OfferAsync"/>
/// waits while the queue is full, so the producer is back-pressured by the stream. Materialize its source once.
/// </summary>
public sealed class StreamQueue<T>
{
    private readonly Channel<T> _channel;

    public StreamQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true });
    }

    /// <summary>Completes when the element is queued; throws <see cref="ChannelClosedException"/> after <see cref="Complete"/>.</summary>
    public ValueTask OfferAsync(T element, CancellationToken cancellationToken = default) => _channel.Writer.WriteAsync(element, cancellationToken);

    /// <summary>Queues the element if there is room now.</summary>
    public bool TryOffer(T element) => _channel.Writer.TryWrite(element);

    /// <summary>No more elements: the source completes after the queued ones, or fails with <paramref name="error"/>.</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    internal ChannelReader<T> Reader => _channel.Reader;
}
