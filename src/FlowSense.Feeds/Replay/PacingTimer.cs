using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;
using FlowSense.Actors;

namespace FlowSense.Feeds.Replay;

/// <summary>
/// Waits for pacing deadlines with sub-millisecond precision, for one waiter at a time. .NET timers (and so
/// <see cref="Task.Delay(TimeSpan)"/>) fire on a millisecond grid and often a millisecond late on Linux, which would
/// make a paced replay emit in bursts of a millisecond or more of events; this sleeps on its own thread with
/// <c>nanosleep</c> (about 50-100 µs late on an idle Linux core, the kernel's timer slack) and never spins.
/// </summary>
/// <remarks>
/// <para>The waiter's continuation runs on the timer thread (the completion is not posted to the thread pool), so a
/// paced replay decodes and delivers its batch right there and comes back to wait again: one thread wake-up per
/// tick, not two. The thread is a background thread, started on first use and ended by <see cref="Dispose"/>.</para>
/// <para>Given lanes (<see cref="ReplayOptions.TickLanes"/>), it has no thread: each wait is the lanes' timed work
/// (<see cref="LaneDispatcher.TryExecuteAt"/>), so the continuation decodes and delivers on a lane, between actor turns,
/// taking the lanes in turn.</para>
/// <para>Elsewhere than Linux it sleeps with <see cref="Thread.Sleep(int)"/>, rounded up to whole milliseconds.</para>
/// <para>Allocation-free per wait: the awaitable is this object (a reset <see cref="ManualResetValueTaskSourceCore{T}"/>).</para>
/// </remarks>
internal sealed class PacingTimer(LaneDispatcher? lanes = null) : IValueTaskSource, IDisposable, IThreadPoolWorkItem
{
    private static readonly double TicksPerNanosecond = Stopwatch.Frequency / 1e9;
    private readonly SemaphoreSlim _requested = new(0);
    private ManualResetValueTaskSourceCore<bool> _core; // RunContinuationsAsynchronously stays false: see the remarks
    private Thread? _thread;
    private long _deadline;
    private volatile bool _disposed;

    /// <summary>Completes at <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp). One wait at a time.</summary>
    public ValueTask WaitUntil(long deadline)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _core.Reset();
        Volatile.Write(ref _deadline, deadline);
        if (lanes is null || !lanes.TryExecuteAt(deadline, this))
        {
            _thread ??= StartThread(); // no lanes, or they have stopped
            _requested.Release();
        }
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Ends the thread after its current wait (it does not wait for it: the caller may be that thread).</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _requested.Release();
    }

    private Thread StartThread()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "replay-pacer" };
        thread.Start();
        return thread;
    }

    private void Loop()
    {
        while (true)
        {
            _requested.Wait();
            if (_disposed)
            {
                _requested.Dispose();
                return;
            }
            SleepUntil(Volatile.Read(ref _deadline));
            _core.SetResult(true); // runs the waiter's continuation here, which usually asks for the next wait
        }
    }

    private static void SleepUntil(long deadline)
    {
        while (true)
        {
            long remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
                return;
            if (OperatingSystem.IsLinux())
            {
                long ns = (long)(remaining / TicksPerNanosecond);
                var request = new TimeSpec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
                _ = NanoSleep(in request, IntPtr.Zero); // an interrupted sleep is simply re-checked
            }
            else
            {
                Thread.Sleep((int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency));
            }
        }
    }

    void IThreadPoolWorkItem.Execute() => _core.SetResult(true); // on a lane, at the deadline

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the arguments are blittable, so no marshalling stub (nor unsafe code) is needed.
    [DllImport("libc", EntryPoint = "nanosleep")]
    private static extern int NanoSleep(in TimeSpec request, IntPtr remaining);
}
