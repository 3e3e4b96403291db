namespace FlowSense.Actors.Streams;

/// <summary>
/// A reusable processing step from <typeparamref name="TIn"/> to <typeparamref name="TOut"/>, built with
/// <see cref="Flow.Create{T}"/> and the same operators as a source.
/// </summary>
public sealed class Flow<TIn, TOut>
{
    private readonly Func<StreamContext, IAsyncEnumerable<TIn>, IAsyncEnumerable<TOut>> _apply;

    internal Flow(Func<StreamContext, IAsyncEnumerable<TIn>, IAsyncEnumerable<TOut>> apply) => _apply = apply;

    internal IAsyncEnumerable<TOut> Apply(StreamContext context, IAsyncEnumerable<TIn> upstream) => _apply(context, upstream);

    public Flow<TIn, TNext> Via<TNext>(Flow<TOut, TNext> next) =>
        new((context, upstream) => next.Apply(context, Apply(context, upstream)));

    public Sink<TIn, TResult> To<TResult>(Sink<TOut, TResult> sink) =>
        new((context, upstream) => sink.Consume(context, Apply(context, upstream)));
}

/// <summary>Starts flows: <c>Flow.Create&lt;Trade&gt;().Select(...).Buffer(...)</c>.</summary>
public static class Flow
{
    public static Flow<T, T> Create<T>() => new((_, upstream) => upstream);

    /// <summary>A flow from a stage function; what every operator is built from.</summary>
    internal static Flow<TIn, TOut> FromStage<TIn, TOut>(Func<StreamContext, IAsyncEnumerable<TIn>, IAsyncEnumerable<TOut>> stage) => new(stage);
}
