using System.Runtime.CompilerServices;

namespace FlowSense.Actors.Streams;

/// <summary>One-element-in, at-most-one-out stages: they hold nothing and pull exactly one element per element asked for.</summary>
internal static class Simple
{
    public static async IAsyncEnumerable<TOut> Select<TIn, TOut>(IAsyncEnumerable<TIn> upstream, Func<TIn, TOut> selector,
        StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var element in upstream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var result = selector(element);
            counter.CountEmitted();
            yield return result;
        }
    }

    public static async IAsyncEnumerable<T> Where<T>(IAsyncEnumerable<T> upstream, Func<T, bool> predicate,
        StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var element in upstream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!predicate(element))
                continue;
            counter.CountEmitted();
            yield return element;
        }
    }

    public static async IAsyncEnumerable<T> Take<T>(IAsyncEnumerable<T> upstream, long count,
        StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long taken = 0;
        if (count <= 0)
            yield break;
        // Stops pulling as soon as it has enough: upstream is never asked for element count+1.
        await foreach (var element in upstream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            counter.CountEmitted();
            yield return element;
            if (++taken == count)
                yield break;
        }
    }
}
