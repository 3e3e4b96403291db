using System.Runtime.CompilerServices;

namespace FlowSense.Actors.Streams;

/// <summary>Backoff for <see cref="Source.RestartWithBackoff{T}"/>: delay = min·2^restarts, capped at max, times 1 + random·randomFactor.</summary>
/// <param name="MaxRestarts">Restarts allowed before the failure is passed on; negative for unlimited.</param>
/// <param name="OnlyOnFailures">Restart only when the inner source fails, not when it completes.</param>
public sealed record RestartSettings(TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor, int MaxRestarts = -1, bool OnlyOnFailures = false)
{
    // The same schedule as the kernel's backoff supervisor, so a restarting stream and a restarting actor agree.
    internal TimeSpan Delay(int restarts, Random random) =>
        new BackoffOptions(MinBackoff, MaxBackoff, RandomFactor).DelayFor(restarts, random.NextDouble());
}

/// <summary>Runs a fresh inner source after each failure (and completion, unless only on failures), waiting the backoff between.</summary>
internal static class RestartSource
{
    public static async IAsyncEnumerable<T> Run<T>(StreamContext context, Func<Source<T>> factory, RestartSettings settings,
        StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var random = new Random();
        int restarts = 0;
        while (!context.ShutdownToken.IsCancellationRequested)
        {
            Exception? failure = null;
            await using (var inner = factory().Open(context).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        hasNext = await inner.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = error;
                        break;
                    }
                    if (!hasNext)
                        break;
                    counter.CountEmitted();
                    yield return inner.Current;
                }
            }
            if (failure is null && settings.OnlyOnFailures)
                yield break;
            if (settings.MaxRestarts >= 0 && restarts >= settings.MaxRestarts)
            {
                if (failure is not null)
                    throw failure;
                yield break;
            }
            try
            {
                await Task.Delay(settings.Delay(restarts++, random), context.Time, context.ShutdownToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.ShutdownToken.IsCancellationRequested)
            {
                yield break;
            }
            counter.CountRestart();
        }
    }
}
