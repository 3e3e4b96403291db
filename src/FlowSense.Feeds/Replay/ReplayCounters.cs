namespace FlowSense.Feeds.Replay;

/// <summary>
/// The live counters of a replay's current (or last) run, readable from any thread at any time; the replay loop is
/// their only writer. They restart when the source is materialized again.
/// </summary>
public sealed class ReplayCounters
{
    private long _done, _total, _events, _batches, _rejected, _startTimestamp, _endTimestamp;
    private int _unit, _complete;
    private TimeProvider _time = TimeProvider.System;
    private EventBatchPool? _pool;

    /// <summary>
    /// Batch arrays the current run had to allocate. It stays flat while consumers <see cref="EventBatch.Recycle"/>
    /// their batches, and grows by one per batch while they do not.
    /// </summary>
    public long BatchArraysAllocated => Volatile.Read(ref _pool)?.Allocated ?? 0;

    /// <summary>The progress now.</summary>
    public ReplayProgress Snapshot()
    {
        long start = Volatile.Read(ref _startTimestamp);
        long end = Volatile.Read(ref _endTimestamp);
        var elapsed = start == 0 ? TimeSpan.Zero : end != 0 ? _time.GetElapsedTime(start, end) : _time.GetElapsedTime(start);
        return new ReplayProgress((ReplayUnit)Volatile.Read(ref _unit), Volatile.Read(ref _done), Volatile.Read(ref _total),
            Volatile.Read(ref _events), Volatile.Read(ref _batches), Volatile.Read(ref _rejected), elapsed,
            Volatile.Read(ref _complete) != 0);
    }

    /// <summary>Events emitted so far in this run (the replay loop's own view, for pacing).</summary>
    internal long EventsEmitted => _events;

    /// <summary>
    /// When the current run started, as a timestamp of the replay's <see cref="ReplayOptions.Time"/> (0 before it
    /// starts). A <see cref="ReplayPace.Rate"/> replay's schedule counts from here: the event at position p (1-based)
    /// is due (p - 1) / rate after it.
    /// </summary>
    public long StartTimestamp => Volatile.Read(ref _startTimestamp);

    internal void Start(TimeProvider time, ReplayUnit unit, long total, EventBatchPool pool)
    {
        _time = time;
        Volatile.Write(ref _pool, pool);
        Volatile.Write(ref _unit, (int)unit);
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _done, 0);
        Volatile.Write(ref _events, 0);
        Volatile.Write(ref _batches, 0);
        Volatile.Write(ref _rejected, 0);
        Volatile.Write(ref _complete, 0);
        Volatile.Write(ref _endTimestamp, 0);
        // 0 means "not started"; a virtual clock may legitimately read 0, so nudge it.
        Volatile.Write(ref _startTimestamp, Math.Max(1, time.GetTimestamp()));
    }

    internal void Read(long done, long rejected)
    {
        Volatile.Write(ref _done, done);
        Volatile.Write(ref _rejected, rejected);
    }

    internal void Emitted(int events)
    {
        Volatile.Write(ref _events, _events + events);
        Volatile.Write(ref _batches, _batches + 1);
    }

    internal void Complete()
    {
        Volatile.Write(ref _endTimestamp, Math.Max(Volatile.Read(ref _startTimestamp), _time.GetTimestamp()));
        Volatile.Write(ref _complete, 1);
    }
}
