using System.Diagnostics;

namespace FlowSense.Cli.Bench;

/// <summary>
/// Samples a running bench once a second: the events completed in that second (a rate), the latencies recorded in it
/// (one <see cref="LatencySeries"/> per measure) and, every <c>memoryEvery</c> seconds, the process's memory (GC heap,
/// RSS, collections so far). Runs on its own thread so it ticks on time even when the thread pool is saturated by the
/// pipeline it measures.
/// </summary>
internal sealed class RunSampler : IDisposable
{
    private readonly Func<long> _completed;
    private readonly IReadOnlyList<LatencySeries> _latency;
    private readonly int _memoryEvery;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<double> _rates = [];
    private readonly List<MemorySample> _memory = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public RunSampler(Func<long> completed, int memoryEverySeconds, params IReadOnlyList<LatencySeries> latency)
    {
        _completed = completed;
        _latency = latency;
        _memoryEvery = memoryEverySeconds;
        _thread = new Thread(Loop) { IsBackground = true, Name = "bench-sampler" };
        _thread.Start();
    }

    /// <summary>Events per second, one value per whole second so far.</summary>
    public IReadOnlyList<double> Rates
    {
        get
        {
            lock (_rates)
                return [.. _rates];
        }
    }

    public IReadOnlyList<MemorySample> Memory
    {
        get
        {
            lock (_memory)
                return [.. _memory];
        }
    }

    private void Loop()
    {
        long last = _completed();
        var lastTime = _clock.Elapsed;
        SampleMemory();
        for (int second = 1; !_stop.Token.WaitHandle.WaitOne(Until(second)); second++)
        {
            long now = _completed();
            var time = _clock.Elapsed;
            lock (_rates)
                _rates.Add((now - last) / (time - lastTime).TotalSeconds);
            (last, lastTime) = (now, time);
            foreach (LatencySeries series in _latency)
                series.Sample(time.TotalSeconds);
            if (second % _memoryEvery == 0)
                SampleMemory();
        }
    }

    private TimeSpan Until(int second) => TimeSpan.FromSeconds(Math.Max(0, second - _clock.Elapsed.TotalSeconds));

    private void SampleMemory()
    {
        var sample = new MemorySample(_clock.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: false), Environment.WorkingSet,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: false))
        {
            GcCommittedBytes = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes,
        };
        lock (_memory)
            _memory.Add(sample);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        SampleMemory();
        _stop.Dispose();
    }
}

/// <summary>The process's memory at one moment of a run.</summary>
/// <param name="AtSeconds">Seconds since the run started.</param>
/// <param name="GcHeapBytes">Bytes the GC considers in use (without forcing a collection).</param>
/// <param name="RssBytes">The process's resident set (working set).</param>
/// <param name="Gen0">Gen-0 collections since the process started; likewise <paramref name="Gen1"/>, <paramref name="Gen2"/>.</param>
/// <param name="AllocatedBytes">Bytes allocated since the process started, all threads.</param>
internal sealed record MemorySample(double AtSeconds, long GcHeapBytes, long RssBytes, int Gen0, int Gen1, int Gen2, long AllocatedBytes)
{
    /// <summary>
    /// Memory the GC had committed at its last collection (heap in use, free space and fragmentation): with RSS, tells
    /// whether a growing resident set is the GC keeping memory or native memory.
    /// </summary>
    public long GcCommittedBytes { get; init; }
}
