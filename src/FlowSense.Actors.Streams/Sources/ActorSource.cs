namespace FlowSense.Actors.Streams;

/// <summary>
/// A source that actors feed by sending it messages (Akka's Source.ActorRef): <see cref="Ref"/> accepts elements of
/// type <typeparamref name="T"/>, <see cref="StreamCompleted"/> to complete and <see cref="StreamFailed"/> to fail.
/// <c>TellAsync</c> waits while the buffer is full (back-pressure); a plain <c>Tell</c> into a full buffer is
/// dropped and counted in <see cref="Dropped"/>, as is any message of another type. Materialize <see cref="Source"/> once.
/// </summary>
public sealed class ActorSource<T>
{
    private static long s_next;
    private readonly StreamQueue<T> _queue;
    private long _dropped;

    public ActorSource(int bufferSize)
    {
        _queue = new StreamQueue<T>(bufferSize);
        Ref = new FeedRef(this, ActorPath.Root.Child("temp").Child("stream-source-" + Interlocked.Increment(ref s_next).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Source = Streams.Source.FromQueue(_queue);
    }

    /// <summary>Where actors send elements.</summary>
    public IActorRef Ref { get; }

    public Source<T> Source { get; }

    /// <summary>Messages refused: a full buffer on a plain Tell, or a message that is not a <typeparamref name="T"/> or a completion.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private sealed class FeedRef(ActorSource<T> owner, ActorPath path) : IActorRef
    {
        public ActorPath Path { get; } = path;

        public void Tell(object message, IActorRef? sender)
        {
            if (message is T element ? !owner._queue.TryOffer(element) : !Control(message))
                Interlocked.Increment(ref owner._dropped);
        }

        public ValueTask TellAsync(object message, IActorRef? sender, CancellationToken cancellationToken = default)
        {
            if (message is T element)
                return owner._queue.OfferAsync(element, cancellationToken);
            if (!Control(message))
                Interlocked.Increment(ref owner._dropped);
            return ValueTask.CompletedTask;
        }

        private bool Control(object message)
        {
            switch (message)
            {
                case StreamCompleted:
                    owner._queue.Complete();
                    return true;
                case StreamFailed failed:
                    owner._queue.Complete(failed.Cause);
                    return true;
                default:
                    return false;
            }
        }

        public override string ToString() => $"ActorSource[{Path}]";
    }
}
