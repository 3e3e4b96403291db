namespace FlowSense.Actors.Benchmarks.Harness;

/// <summary>
/// What the process spent between <see cref="Open"/> and <see cref="Close"/>: CPU time (all threads), collections
/// and allocated bytes (all threads).
/// </summary>
/// <remarks>
/// CPU time is the figure to trust on a shared machine: wall time stretches when other processes take the cores,
/// CPU time mostly does not (it still grows somewhat with cache and scheduler contention).
/// </remarks>
internal readonly struct CostWindow
{
    private readonly int _gen0;
    private readonly int _gen1;
    private readonly int _gen2;
    private readonly long _allocated;
    private readonly TimeSpan _cpu;

    private CostWindow(int gen0, int gen1, int gen2, long allocated, TimeSpan cpu)
    {
        _gen0 = gen0;
        _gen1 = gen1;
        _gen2 = gen2;
        _allocated = allocated;
        _cpu = cpu;
    }

    /// <summary>Snapshots the counters. Precise allocation counting is slow: open and close outside the timed span.</summary>
    public static CostWindow Open() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true), Environment.CpuUsage.TotalTime);

    public Cost Close() => new(
        GC.CollectionCount(0) - _gen0,
        GC.CollectionCount(1) - _gen1,
        GC.CollectionCount(2) - _gen2,
        GC.GetTotalAllocatedBytes(precise: true) - _allocated,
        Environment.CpuUsage.TotalTime - _cpu);
}

/// <summary>What the process spent during a measured span.</summary>
internal readonly record struct Cost(int Gen0, int Gen1, int Gen2, long AllocatedBytes, TimeSpan CpuTime)
{
    public double BytesPer(long operations) => (double)AllocatedBytes / operations;

    /// <summary>Operations per second of CPU time (all threads).</summary>
    public double PerCpuSecond(long operations) => operations / CpuTime.TotalSeconds;

    /// <summary>"gen0/gen1/gen2" collection counts.</summary>
    public string Collections => $"{Gen0}/{Gen1}/{Gen2}";
}
