namespace FlowSense.Actors.Streams;

/// <summary>
/// The stream operators, named as in Akka.NET Streams. Each is defined once as a flow; the extension methods on
/// <see cref="Source{T}"/> and <see cref="Flow{TIn, TOut}"/> only attach it.
/// </summary>
public static class Operators
{
    public static Flow<T, TOut> Select<T, TOut>(Func<T, TOut> selector) =>
        Flow.FromStage<T, TOut>((c, up) => Simple.Select(up, selector, c.Counters.Register("select")));

    public static Flow<T, T> Where<T>(Func<T, bool> predicate) =>
        Flow.FromStage<T, T>((c, up) => Simple.Where(up, predicate, c.Counters.Register("where")));

    public static Flow<T, T> Take<T>(long count) =>
        Flow.FromStage<T, T>((c, up) => Simple.Take(up, count, c.Counters.Register("take")));

    public static Flow<T, TOut> SelectAsync<T, TOut>(int parallelism, Func<T, ValueTask<TOut>> selector) =>
        Flow.FromStage<T, TOut>((c, up) => Streams.SelectAsync.Ordered(up, Positive(parallelism), selector, c.Counters.Register("selectAsync")));

    public static Flow<T, TOut> SelectAsyncUnordered<T, TOut>(int parallelism, Func<T, ValueTask<TOut>> selector) =>
        Flow.FromStage<T, TOut>((c, up) => Streams.SelectAsync.Unordered(up, Positive(parallelism), selector, c.Counters.Register("selectAsyncUnordered")));

    public static Flow<T, T> Buffer<T>(int capacity, OverflowStrategy strategy) =>
        Flow.FromStage<T, T>((c, up) => Streams.Buffer.Run(up, Positive(capacity), strategy, c.Counters.Register("buffer")));

    public static Flow<T, IReadOnlyList<T>> GroupedWithin<T>(int maxCount, TimeSpan maxWait) =>
        Flow.FromStage<T, IReadOnlyList<T>>((c, up) => Streams.GroupedWithin.Run(up, Positive(maxCount), maxWait, c.Time, c.Counters.Register("groupedWithin")));

    public static Flow<T, T> Throttle<T>(int elements, TimeSpan per, int maximumBurst) =>
        Flow.FromStage<T, T>((c, up) => Streams.Throttle.Run(up, Positive(elements), per, Positive(maximumBurst), c.Time, c.Counters.Register("throttle")));

    public static Flow<T, TOut> GroupBy<T, TKey, TOut>(int maxSubstreams, Func<T, TKey> keySelector, Func<TKey, Flow<T, TOut>> flowFor,
        int bufferPerSubstream = 16) where TKey : notnull =>
        Flow.FromStage<T, TOut>((c, up) => Streams.GroupBy.Run(c, up, Positive(maxSubstreams), keySelector, flowFor, Positive(bufferPerSubstream), c.Counters.Register("groupBy")));

    private static int Positive(int value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
        return value;
    }

    // Attach an operator to a source or a flow: source.Select(...), flow.Buffer(...).
    public static Source<TOut> Select<T, TOut>(this Source<T> source, Func<T, TOut> selector) => source.Via(Select(selector));
    public static Flow<TIn, TOut> Select<TIn, T, TOut>(this Flow<TIn, T> flow, Func<T, TOut> selector) => flow.Via(Select(selector));
    public static Source<T> Where<T>(this Source<T> source, Func<T, bool> predicate) => source.Via(Where(predicate));
    public static Flow<TIn, T> Where<TIn, T>(this Flow<TIn, T> flow, Func<T, bool> predicate) => flow.Via(Where(predicate));
    public static Source<T> Take<T>(this Source<T> source, long count) => source.Via(Take<T>(count));
    public static Flow<TIn, T> Take<TIn, T>(this Flow<TIn, T> flow, long count) => flow.Via(Take<T>(count));
    public static Source<TOut> SelectAsync<T, TOut>(this Source<T> source, int parallelism, Func<T, ValueTask<TOut>> selector) => source.Via(SelectAsync(parallelism, selector));
    public static Flow<TIn, TOut> SelectAsync<TIn, T, TOut>(this Flow<TIn, T> flow, int parallelism, Func<T, ValueTask<TOut>> selector) => flow.Via(SelectAsync(parallelism, selector));
    public static Source<TOut> SelectAsyncUnordered<T, TOut>(this Source<T> source, int parallelism, Func<T, ValueTask<TOut>> selector) => source.Via(SelectAsyncUnordered(parallelism, selector));
    public static Flow<TIn, TOut> SelectAsyncUnordered<TIn, T, TOut>(this Flow<TIn, T> flow, int parallelism, Func<T, ValueTask<TOut>> selector) => flow.Via(SelectAsyncUnordered(parallelism, selector));
    public static Source<T> Buffer<T>(this Source<T> source, int capacity, OverflowStrategy strategy) => source.Via(Buffer<T>(capacity, strategy));
    public static Flow<TIn, T> Buffer<TIn, T>(this Flow<TIn, T> flow, int capacity, OverflowStrategy strategy) => flow.Via(Buffer<T>(capacity, strategy));
    public static Source<IReadOnlyList<T>> GroupedWithin<T>(this Source<T> source, int maxCount, TimeSpan maxWait) => source.Via(GroupedWithin<T>(maxCount, maxWait));
    public static Flow<TIn, IReadOnlyList<T>> GroupedWithin<TIn, T>(this Flow<TIn, T> flow, int maxCount, TimeSpan maxWait) => flow.Via(GroupedWithin<T>(maxCount, maxWait));
    public static Source<T> Throttle<T>(this Source<T> source, int elements, TimeSpan per, int maximumBurst) => source.Via(Throttle<T>(elements, per, maximumBurst));
    public static Flow<TIn, T> Throttle<TIn, T>(this Flow<TIn, T> flow, int elements, TimeSpan per, int maximumBurst) => flow.Via(Throttle<T>(elements, per, maximumBurst));
    public static Source<TOut> GroupBy<T, TKey, TOut>(this Source<T> source, int maxSubstreams, Func<T, TKey> keySelector, Func<TKey, Flow<T, TOut>> flowFor) where TKey : notnull =>
        source.Via(GroupBy(maxSubstreams, keySelector, flowFor));
}
