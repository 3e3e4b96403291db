using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>
/// The decoupling used by stages that must pull upstream while downstream is busy (buffer, merge, groupBy,
/// groupedWithin): a background fill writes into a bounded channel, the stage reads from it. The channel's bound is
/// the stage's only slack, so back-pressure still reaches the source.
/// </summary>
internal static class ChannelPump
{
    /// <summary>Starts <paramref name="fill"/> and yields what it writes into <paramref name="channel"/>; stops the fill when downstream stops.</summary>
    public static async IAsyncEnumerable<T> Drain<T>(Channel<T> channel, Func<CancellationToken, Task> fill, StageCounter counter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var filling = fill(stop.Token);
        try
        {
            await foreach (var element in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                counter.CountEmitted();
                yield return element;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await filling.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Copies <paramref name="upstream"/> into <paramref name="writer"/> with <paramref name="write"/> (a waiting write
    /// by default), then completes the writer with upstream's outcome. Being stopped is a normal completion: the
    /// reader sees for itself whether the run was aborted.
    /// </summary>
    public static async Task Fill<T>(IAsyncEnumerable<T> upstream, ChannelWriter<T> writer, CancellationToken token,
        Func<T, CancellationToken, ValueTask>? write = null)
    {
        try
        {
            await foreach (var element in upstream.WithCancellation(token).ConfigureAwait(false))
            {
                if (write is null)
                    await writer.WriteAsync(element, token).ConfigureAwait(false);
                else
                    await write(element, token).ConfigureAwait(false);
            }
            writer.TryComplete();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception error)
        {
            writer.TryComplete(error);
        }
    }
}
