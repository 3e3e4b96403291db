using System.Diagnostics;

namespace FlowSense.Cli.Bench;

/// <summary>
/// The platform's stalls during a run, as a thread with nothing to do sees them (jHiccup's method): it sleeps 1 ms
/// over and over and records how much later than asked it woke. A virtual CPU the host takes away, a kernel thread
/// preempting, a garbage collection suspending the process: whatever holds up an idle thread holds up the pipeline's
/// events too, so a latency tail no longer than these stalls is the platform's, not the pipeline's.
/// </summary>
/// <remarks>
/// Its cost is in every run's CPU figures: about 2% of one core on the development VM (from its thread's
/// <c>/proc/&lt;pid&gt;/task/*/schedstat</c> during a paced run), where each wake-up costs some 20 µs. Every wake-up
/// is late by the kernel's timer slack (50 µs by default) and the wake-up itself, so the median stall is 75–80 µs
/// there, not zero. A meter on a machine whose cores the run keeps busy also waits for a core: near 100% busy it
/// measures the run's own queue as well as the platform.
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

    /// <summary>Counted wake-ups more than 1 ms late.</summary>
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
