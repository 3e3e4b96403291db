using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>
/// Partition and broadcast: one upstream feeding several downstream sinks, each behind a small bounded channel. An
/// element waits until its output has room, so the slowest relevant output sets the pace: back-pressure, not loss.
/// </summary>
internal static class FanOut
{
    public static async ValueTask<TResult[]> Run<T, TResult>(StreamContext context, IAsyncEnumerable<T> upstream,
        IReadOnlyList<Sink<T, TResult>> outputs, int bufferPerOutput, Func<T, int, IEnumerable<int>> route, StageCounter counter)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.AbortToken);
        var channels = new Channel<T>[outputs.Count];
        var consumers = new Task<TResult>[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
        {
            var channel = channels[i] = Channel.CreateBounded<T>(
                new BoundedChannelOptions(bufferPerOutput) { SingleReader = true, SingleWriter = true });
            consumers[i] = outputs[i].Consume(context, Sources.ReadChannel(channel.Reader, shutdown: CancellationToken.None, counter: null)).AsTask();
        }
        // If any output fails, stop feeding the others and let the failure surface.
        _ = Task.WhenAny(consumers).ContinueWith(t => { if (t.Result.IsFaulted) stop.Cancel(); }, TaskScheduler.Default);

        Exception? failure = null;
        try
        {
            await foreach (var element in upstream.WithCancellation(stop.Token).ConfigureAwait(false))
            {
                foreach (int output in route(element, outputs.Count))
                {
                    if ((uint)output >= (uint)outputs.Count)
                        throw new ArgumentOutOfRangeException(nameof(route), output, $"The partitioner chose output {output}; there are {outputs.Count}.");
                    await channels[output].Writer.WriteAsync(element, stop.Token).ConfigureAwait(false);
                }
                counter.CountEmitted();
            }
        }
        catch (Exception error)
        {
            failure = error;
        }
        foreach (var channel in channels)
            channel.Writer.TryComplete(failure is OperationCanceledException ? null : failure);

        var results = await Task.WhenAll(consumers).ConfigureAwait(false);
        if (failure is not null)
            throw failure;
        return results;
    }
}
