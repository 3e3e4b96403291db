namespace FlowSense.Actors.Streams;

/// <summary>The end of a graph: consumes the stream and produces a result when it completes.</summary>
public sealed class Sink<T, TResult>
{
    private readonly Func<StreamContext, IAsyncEnumerable<T>, ValueTask<TResult>> _consume;

    internal Sink(Func<StreamContext, IAsyncEnumerable<T>, ValueTask<TResult>> consume) => _consume = consume;

    internal ValueTask<TResult> Consume(StreamContext context, IAsyncEnumerable<T> upstream) => _consume(context, upstream);
}

