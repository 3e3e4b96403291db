using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>
/// merge: several upstreams into one, elements in arrival order. Each input is pulled by its own pump into a shared
/// bounded channel, so a fast input cannot run ahead of the consumer by more than the channel's capacity.
/// </summary>
internal static class Merge
{
    public static IAsyncEnumerable<T> Run<T>(IReadOnlyList<IAsyncEnumerable<T>> inputs, int buffer, StageCounter counter,
        CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(buffer) { SingleReader = true });
        return ChannelPump.Drain(channel, token => CompleteWhenAllDone(inputs.Select(input => Pump(input, token)).ToArray(), token),
            counter, cancellationToken);

        async Task Pump(IAsyncEnumerable<T> input, CancellationToken token)
        {
            await foreach (var element in input.WithCancellation(token).ConfigureAwait(false))
                await channel.Writer.WriteAsync(element, token).ConfigureAwait(false);
        }

        async Task CompleteWhenAllDone(Task[] running, CancellationToken token)
        {
            try
            {
                await Task.WhenAll(running).ConfigureAwait(false);
                channel.Writer.TryComplete();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                channel.Writer.TryComplete();
            }
            catch (Exception)
            {
                var error = running.First(t => t.IsFaulted).Exception!.InnerException!;
                channel.Writer.TryComplete(error);
            }
        }
    }
}
