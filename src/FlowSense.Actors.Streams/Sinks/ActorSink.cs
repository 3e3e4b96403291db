namespace FlowSense.Actors.Streams;

/// <summary>
/// The protocol of <see cref="ActorSink.WithAck{T}"/> (Akka's Sink.ActorRefWithAck): the actor receives
/// <see cref="OnInit"/>, then each element, then <see cref="OnComplete"/> or <see cref="OnFailure"/>, and must answer
/// <see cref="Ack"/> to the init message and to every element before the next one is sent.
/// </summary>
public sealed record AckProtocol(object OnInit, object Ack, object OnComplete, Func<Exception, object> OnFailure)
{
    /// <summary>Plain marker messages: <see cref="StreamInit"/>, <see cref="StreamAck"/>, <see cref="StreamCompleted"/>, <see cref="StreamFailed"/>.</summary>
    public static AckProtocol Default { get; } = new(StreamInit.Instance, StreamAck.Instance, StreamCompleted.Instance, e => new StreamFailed(e));
}

/// <summary>The first message an acknowledging actor sink sends.</summary>
public sealed class StreamInit
{
    public static StreamInit Instance { get; } = new();
    private StreamInit() { }
}

/// <summary>The reply that lets an acknowledging actor sink send the next element.</summary>
public sealed class StreamAck
{
    public static StreamAck Instance { get; } = new();
    private StreamAck() { }
}

/// <summary>The stream completed; no more elements follow.</summary>
public sealed class StreamCompleted
{
    public static StreamCompleted Instance { get; } = new();
    private StreamCompleted() { }
}

/// <summary>The stream failed with <see cref="Cause"/>; no more elements follow.</summary>
public sealed record StreamFailed(Exception Cause);

/// <summary>Sinks into actors.</summary>
public static class ActorSink
{
    /// <summary>
    /// Sends each element to <paramref name="actor"/> and waits for its acknowledgement before asking upstream for the
    /// next: the actor's pace is the stream's pace, and nothing waits in its mailbox unacknowledged. A missing ack
    /// within <paramref name="ackTimeout"/> or a dead actor fails the stream. Each element costs one request-reply,
    /// so send batches (for example after <c>GroupedWithin</c>) where throughput matters. The result is the element count.
    /// </summary>
    public static Sink<T, long> WithAck<T>(IActorRef actor, AckProtocol? protocol = null, TimeSpan? ackTimeout = null) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(actor);
        var p = protocol ?? AckProtocol.Default;
        return new Sink<T, long>(async (context, upstream) =>
        {
            long count = 0;
            await Acknowledged(actor, p, p.OnInit, ackTimeout, context.AbortToken).ConfigureAwait(false);
            try
            {
                await foreach (var element in upstream.WithCancellation(context.AbortToken).ConfigureAwait(false))
                {
                    await Acknowledged(actor, p, element, ackTimeout, context.AbortToken).ConfigureAwait(false);
                    count++;
                }
            }
            catch (Exception error)
            {
                actor.Tell(p.OnFailure(error), null);
                throw;
            }
            actor.Tell(p.OnComplete, null);
            return count;
        });
    }

    private static async Task Acknowledged(IActorRef actor, AckProtocol protocol, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        object reply = await actor.Ask<object>(message, timeout, cancellationToken).ConfigureAwait(false);
        if (!Equals(reply, protocol.Ack))
            throw new InvalidOperationException(
                $"{actor.Path} answered {reply.GetType().Name} where the acknowledging sink expects {protocol.Ack.GetType().Name}: " +
                "reply with the protocol's Ack to every element.");
    }
}
