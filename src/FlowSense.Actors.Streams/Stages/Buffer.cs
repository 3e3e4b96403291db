using System.Threading.Channels;

namespace FlowSense.Actors.Streams;

/// <summary>What a full buffer does with the next element (Akka's OverflowStrategy).</summary>
public enum OverflowStrategy
{
    /// <summary>Stop pulling from upstream until there is room: nothing is lost.</summary>
    Backpressure,
    /// <summary>Drop the oldest buffered element to make room; counted.</summary>
    DropHead,
    /// <summary>Drop the youngest buffered element to make room; counted.</summary>
    DropTail,
    /// <summary>Fail the stream with <see cref="BufferOverflowException"/>.</summary>
    Fail,
}

/// <summary>A buffer configured to fail overflowed.</summary>
public sealed class BufferOverflowException(int capacity)
    : Exception($"A stream buffer of {capacity} elements overflowed: its downstream is slower than its upstream. " +
                "Use OverflowStrategy.Backpressure to slow the upstream instead, or a larger buffer.");

/// <summary>
/// buffer(n, strategy): decouples upstream from downstream by up to n elements. Unlike the other stages it pulls
/// ahead: it asks upstream for elements while it has room, so a burst upstream does not wait for a slow downstream.
/// </summary>
internal static class Buffer
{
    public static IAsyncEnumerable<T> Run<T>(IAsyncEnumerable<T> upstream, int capacity, OverflowStrategy strategy,
        StageCounter counter, CancellationToken cancellationToken = default)
    {
        var options = new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = strategy switch
            {
                OverflowStrategy.DropHead => BoundedChannelFullMode.DropOldest,
                OverflowStrategy.DropTail => BoundedChannelFullMode.DropNewest,
                _ => BoundedChannelFullMode.Wait,
            },
        };
        var channel = Channel.CreateBounded<T>(options, _ => counter.CountDropped());
        return ChannelPump.Drain(channel, token => ChannelPump.Fill(upstream, channel.Writer, token,
            strategy == OverflowStrategy.Fail ? FailWhenFull : null), counter, cancellationToken);

        ValueTask FailWhenFull(T element, CancellationToken _) =>
            channel.Writer.TryWrite(element) ? ValueTask.CompletedTask : throw new BufferOverflowException(capacity);
    }
}
