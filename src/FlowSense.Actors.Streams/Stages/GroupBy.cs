using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>The stream opened more substreams than a groupBy allows.</summary>
public sealed class TooManySubstreamsException(int maxSubstreams)
    : Exception($"groupBy would open more than {maxSubstreams} substreams. Raise maxSubstreams, or choose a coarser key.");

/// <summary>
/// groupBy(maxSubstreams, key) + a flow per key + merge: each key gets its own substream running its own flow
/// concurrently, and their outputs merge into one stream. A new key beyond <c>maxSubstreams</c> fails the stream
/// rather than growing without limit.
/// </summary>
internal static class GroupBy
{
    public static IAsyncEnumerable<TOut> Run<T, TKey, TOut>(StreamContext context, IAsyncEnumerable<T> upstream,
        int maxSubstreams, Func<T, TKey> keySelector, Func<TKey, Flow<T, TOut>> flowFor, int bufferPerSubstream,
        StageCounter counter, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        var output = Channel.CreateBounded<TOut>(new BoundedChannelOptions(bufferPerSubstream) { SingleReader = true });
        return ChannelPump.Drain(output, Route, counter, cancellationToken);

        async Task Route(CancellationToken token)
        {
            var substreams = new Dictionary<TKey, Channel<T>>();
            var running = new List<Task>();
            Exception? failure = null;
            try
            {
                await foreach (var element in upstream.WithCancellation(token).ConfigureAwait(false))
                {
                    var key = keySelector(element);
                    if (!substreams.TryGetValue(key, out var substream))
                    {
                        if (substreams.Count == maxSubstreams)
                            throw new TooManySubstreamsException(maxSubstreams);
                        substream = Channel.CreateBounded<T>(new BoundedChannelOptions(bufferPerSubstream) { SingleReader = true, SingleWriter = true });
                        substreams.Add(key, substream);
                        running.Add(Drain(flowFor(key).Apply(context, Sources.ReadChannel(substream.Reader, shutdown: CancellationToken.None, counter: null)), token));
                    }
                    await substream.Writer.WriteAsync(element, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception error)
            {
                failure = error;
            }
            foreach (var substream in substreams.Values)
                substream.Writer.TryComplete(failure);
            try
            {
                await Task.WhenAll(running).ConfigureAwait(false);
            }
            catch (Exception error) when (!(error is OperationCanceledException && token.IsCancellationRequested))
            {
                failure ??= error;
            }
            catch (OperationCanceledException)
            {
            }
            output.Writer.TryComplete(failure);
        }

        async Task Drain(IAsyncEnumerable<TOut> substream, CancellationToken token)
        {
            await foreach (var element in substream.WithCancellation(token).ConfigureAwait(false))
                await output.Writer.WriteAsync(element, token).ConfigureAwait(false);
        }
    }
}
