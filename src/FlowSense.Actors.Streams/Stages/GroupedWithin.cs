using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>
/// groupedWithin(n, t): batches of at most n elements, emitted when full or when t has passed since the batch's first
/// element, whichever comes first; an empty interval emits nothing. Time comes from the materializer's clock.
/// </summary>
internal static class GroupedWithin
{
    public static async IAsyncEnumerable<IReadOnlyList<T>> Run<T>(IAsyncEnumerable<T> upstream, int maxCount, TimeSpan maxWait,
        TimeProvider time, StageCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The pump lets the stage wait on "next element or deadline" at once; it holds at most maxCount elements ahead.
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(maxCount) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = ChannelPump.Fill(upstream, channel.Writer, stop.Token);
        var reader = channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = new List<T>(maxCount);
                using (var deadline = new CancellationTokenSource(maxWait, time))
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
                {
                    while (batch.Count < maxCount)
                    {
                        if (reader.TryRead(out var element))
                        {
                            batch.Add(element);
                            continue;
                        }
                        try
                        {
                            if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                                break; // upstream completed: emit what we have
                        }
                        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                        {
                            break; // the interval is over
                        }
                    }
                }
                counter.CountEmitted();
                yield return batch;
            }
            await reader.Completion.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }
}
