using System.Diagnostics;

namespace FlowSense.Cli.Bench;

/// <summary>
/// The platform's stalls during a run, as a thread with nothing to do sees them (jHiccup's method): it sleeps 1 ms
/// over and over and records how much later than asked it woke. A virtual CPU the host takes away, a kernel thread
/// preempting, a garbage collection suspending the process: whatever holds up an idle thread holds up the pipeline's
/// events too, so a latency tail no longer than these stalls is the platform's, not the pipeline's.
/// </summary>
/// <remarks>
/// Waking 1,000 times a second costs the run a few microseconds of CPU per millisecond. Each wake-up is late by the
/// kernel's timer slack (50 µs by default) even on an idle machine, so the median stall is that, not zero.
/// </remarks>
internal sealed class StallMeter : IDisposable
{
    private static readonly TimeSpan Asked = TimeSpan.FromMilliseconds(1);
    private readonly LatencyHistogram _stalls = new();
    private readonly Action<TimeSpan> _sleep;
    private readonly Thread _thread;
    private volatile bool _recording;
    private volatile bool _stopped;
    private long _overOneMillisecond;

    /// <param name="sleep">How the thread sleeps: <see cref="Thread.Sleep(TimeSpan)"/> unless a test stands in for the platform.</param>
    public StallMeter(Action<TimeSpan>? sleep = null)
    {
        _sleep = sleep ?? Thread.Sleep;
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-stalls" };
        _thread.Start();
    }

    /// <summary>Whether wake-ups count now (the run's measuring window).</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>How late each counted wake-up was.</summary>
    public LatencyHistogram Stalls => _stalls;

    /// <summary>Counted wake-ups more than 1 ms late: each held up every event in flight by that much.</summary>
    public long OverOneMillisecond => Interlocked.Read(ref _overOneMillisecond);

    private void Run()
    {
        while (!_stopped)
        {
            long start = Stopwatch.GetTimestamp();
            _sleep(Asked);
            long lateNs = (long)(Stopwatch.GetElapsedTime(start) - Asked).TotalNanoseconds;
            if (!_recording)
                continue;
            _stalls.Record(lateNs);
            if (lateNs > 1_000_000)
                Interlocked.Increment(ref _overOneMillisecond);
        }
    }

    /// <summary>Stops the thread (within about a millisecond).</summary>
    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }
}
