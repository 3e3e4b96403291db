using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// The slice buffers of one ingestion run that are not out with the symbols, and the run's one wait for the next to
/// come back, which gives up after a timeout. Allocation-free per wait: a source held back by its symbols waits for
/// every batch, so a cancellation source, a token registration and a cancellable channel read per wait (as a
/// <see cref="CancellationToken"/> timeout costs) added about 20 bytes per event to a load run that kept falling
/// behind.
/// </summary>
/// <remarks>
/// The wait is a token-free read of the channel (which reuses its one reader) and the timeout a reused timer, which
/// wakes the read with a marker buffer when it runs out. A marker can outlive its wait (the timer fired just as a
/// buffer came back): the reader checks the clock and waits on for the rest of its own time, so a stale marker never
/// fails a later wait. Returned by any thread; taken by one at a time.
/// </remarks>
internal sealed class FreeBuffers : IDisposable
{
    private static readonly SliceBuffer TimeUp = new(0); // the marker: never handed out

    private readonly Channel<SliceBuffer> _free = Channel.CreateUnbounded<SliceBuffer>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeSpan _timeout;
    private readonly Timer? _timer; // null when the wait never times out

    public FreeBuffers(TimeSpan timeout)
    {
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
            _timer = new Timer(static self => ((FreeBuffers)self!)._free.Writer.TryWrite(TimeUp), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Gives a buffer back (its last slice was acknowledged, or the run never sent it).</summary>
    public void Return(SliceBuffer buffer) => _free.Writer.TryWrite(buffer);

    /// <summary>A free buffer if there is one now.</summary>
    public bool TryTake([NotNullWhen(true)] out SliceBuffer? buffer)
    {
        while (_free.Reader.TryRead(out buffer))
        {
            if (!ReferenceEquals(buffer, TimeUp))
                return true;
        }
        return false;
    }

    /// <summary>The next free buffer, or null if none came back within the timeout.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<SliceBuffer?> TakeAsync()
    {
        if (TryTake(out SliceBuffer? ready))
            return ready;
        long started = Stopwatch.GetTimestamp();
        _timer?.Change(_timeout, Timeout.InfiniteTimeSpan);
        try
        {
            while (true)
            {
                SliceBuffer buffer = await _free.Reader.ReadAsync().ConfigureAwait(false);
                if (!ReferenceEquals(buffer, TimeUp))
                    return buffer;
                TimeSpan left = _timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                    return null;
                _timer!.Change(left, Timeout.InfiniteTimeSpan); // an earlier wait's marker: wait out the rest of this one's time
            }
        }
        finally
        {
            _timer?.Change(Timeout.Infinite, Timeout.Infinite);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
