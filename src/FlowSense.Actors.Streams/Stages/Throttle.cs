using System.Runtime.CompilerServices;

namespace FlowSense.Actors.Streams;

/// <summary>
/// throttle(elements, per, burst): a token bucket that refills <c>elements</c> tokens every <c>per</c>, holds at most
/// <c>burst</c>, and spends one per element. When it is empty the stage waits (shaping): it back-pressures, never drops.
/// </summary>
internal static class Throttle
{
    public static async IAsyncEnumerable<T> Run<T>(IAsyncEnumerable<T> upstream, int elements, TimeSpan per, int maximumBurst,
        TimeProvider time, StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        double ticksPerToken = (double)per.Ticks / elements;
        double tokens = maximumBurst;
        long last = time.GetTimestamp();
        await foreach (var element in upstream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                long now = time.GetTimestamp();
                tokens = Math.Min(maximumBurst, tokens + time.GetElapsedTime(last, now).Ticks / ticksPerToken);
                last = now;
                if (tokens >= 1)
                    break;
                var wait = TimeSpan.FromTicks((long)Math.Ceiling((1 - tokens) * ticksPerToken));
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
            tokens -= 1;
            counter.CountEmitted();
            yield return element;
        }
    }
}
