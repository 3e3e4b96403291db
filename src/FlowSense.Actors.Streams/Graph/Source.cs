namespace FlowSense.Actors.Streams;

/// <summary>
/// A blueprint of a stream of <typeparamref name="T"/>. Nothing runs until it is materialized with
/// <see cref="RunWith{TResult}"/>; each materialization is an independent run. Every stage is pull-based: it produces
/// an element only when the stage below asks for one, so no stage emits more than its downstream requested, and a slow
/// sink slows the source.
/// </summary>
public sealed class Source<T>
{
    private readonly Func<StreamContext, IAsyncEnumerable<T>> _open;

    internal Source(Func<StreamContext, IAsyncEnumerable<T>> open) => _open = open;

    internal IAsyncEnumerable<T> Open(StreamContext context) => _open(context);

    public Source<TOut> Via<TOut>(Flow<T, TOut> flow) => new(context => flow.Apply(context, Open(context)));

    /// <summary>Everything upstream of this point stops with <paramref name="killSwitch"/>.</summary>
    public Source<T> Via(SharedKillSwitch killSwitch) => new(context => Open(context.With(killSwitch)));

    public StreamHandle<TResult> RunWith<TResult>(Sink<T, TResult> sink, Materializer? materializer = null) =>
        (materializer ?? Materializer.Default).Run(this, sink);
}

