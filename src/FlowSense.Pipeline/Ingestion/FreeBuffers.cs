using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// The slice buffers of one ingestion run that are not out with the symbols, and the run's one wait for the next to
/// come back, which gives up after a timeout. The buffer taken is the one that came back last: its events were read
/// by the symbol actors a moment ago, so they are still in cache, where the buffer that came back first (a paced
/// run's buffers are all free between ticks) has been pushed out by a thousand symbols' state since.
/// Allocation-free per wait: a source held back by its symbols waits for every batch, so a cancellation source, a
/// token registration and a cancellable channel read per wait (as a <see cref="CancellationToken"/> timeout costs)
/// added about 20 bytes per event to a load run that kept falling behind.
/// </summary>
/// <remarks>
/// The buffers are a stack under a lock. The wait is a token-free read of a one-item channel of wake-ups (which reuses
/// its one reader): a return and the timeout's reused timer each post one, and a wake-up posted while one is pending
/// is dropped, since the waiter looks at the stack and the clock after every wake-up anyway. So a stale wake-up (a
/// return the waiter had already seen, or an earlier wait's timer) never fails a wait: the waiter finds no buffer and
/// time left, and waits on for the rest of its own time. Returned by any thread; taken by one at a time.
/// </remarks>
internal sealed class FreeBuffers : IDisposable
{
    private readonly Stack<SliceBuffer> _free = new();
    private readonly Lock _lock = new();
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly TimeSpan _timeout;
    private readonly Timer? _timer; // null when the wait never times out

    public FreeBuffers(TimeSpan timeout)
    {
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
            _timer = new Timer(static self => ((FreeBuffers)self!)._wakeUps.Writer.TryWrite(false), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Gives a buffer back (its last slice was acknowledged, or the run never sent it).</summary>
    public void Return(SliceBuffer buffer)
    {
        lock (_lock)
            _free.Push(buffer);
        _wakeUps.Writer.TryWrite(true);
    }

    /// <summary>The buffer that came back last, if there is one now.</summary>
    public bool TryTake([NotNullWhen(true)] out SliceBuffer? buffer)
    {
        lock (_lock)
            return _free.TryPop(out buffer);
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
                await _wakeUps.Reader.ReadAsync().ConfigureAwait(false);
                if (TryTake(out SliceBuffer? buffer))
                    return buffer;
                if (_timer is null)
                    continue;
                TimeSpan left = _timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                    return null;
                _timer.Change(left, Timeout.InfiniteTimeSpan); // a stale wake-up: wait out the rest of this wait's time
            }
        }
        finally
        {
            _timer?.Change(Timeout.Infinite, Timeout.Infinite);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
