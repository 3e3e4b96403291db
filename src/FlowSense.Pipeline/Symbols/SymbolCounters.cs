using FlowSense.MarketData.Checkpoints;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The health counters of one symbol. The symbol's actor is the only writer; any thread may read them (management
/// endpoint, directory) at any time. They live in the symbol's <see cref="SymbolEntry"/>, so they survive restarts and
/// passivation.
/// </summary>
public sealed class SymbolCounters
{
    private const byte CheckpointVersion = 1;

    // Every event writes one of the first six: they come first, so they share the object's first cache line.
    private long _applied, _lastEventTimeNs, _duplicates, _rejected, _skipped, _gaps;
    private long _resyncs, _restarts, _quarantined;
    private long _snapshots, _snapshotFailures, _lastSnapshotBytes, _recoveryRetries;

    public long Applied => Volatile.Read(ref _applied);

    public long Duplicates => Volatile.Read(ref _duplicates);

    public long Gaps => Volatile.Read(ref _gaps);

    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Events this book type does not use (quotes beside an L2/L3 book, deltas beside an L3 book), counted, not errors.</summary>
    public long Skipped => Volatile.Read(ref _skipped);

    public long Resyncs => Volatile.Read(ref _resyncs);

    public long Restarts => Volatile.Read(ref _restarts);

    public long Quarantined => Volatile.Read(ref _quarantined);

    public long LastEventTimeNs => Volatile.Read(ref _lastEventTimeNs);

    /// <summary>Snapshots of the symbol's state stored by this process.</summary>
    public long Snapshots => Volatile.Read(ref _snapshots);

    /// <summary>Snapshot writes that failed (the next one is tried at the next trigger).</summary>
    public long SnapshotFailures => Volatile.Read(ref _snapshotFailures);

    /// <summary>Times loading the symbol's snapshot failed because the store did not answer (each retried after a back-off).</summary>
    public long RecoveryRetries => Volatile.Read(ref _recoveryRetries);

    /// <summary>Size of the last snapshot stored, in bytes.</summary>
    public long LastSnapshotBytes => Volatile.Read(ref _lastSnapshotBytes);

    /// <summary>Every event handed to the symbol, whatever became of it.</summary>
    public long Processed => Applied + Duplicates + Rejected + Skipped + Quarantined;

    internal void CountApplied(long exchangeTimeNs)
    {
        Volatile.Write(ref _applied, _applied + 1);
        if (exchangeTimeNs > _lastEventTimeNs)
            Volatile.Write(ref _lastEventTimeNs, exchangeTimeNs);
    }

    internal void CountSnapshot(int bytes)
    {
        Volatile.Write(ref _snapshots, _snapshots + 1);
        Volatile.Write(ref _lastSnapshotBytes, bytes);
    }

    internal void CountRecoveryRetry() => Volatile.Write(ref _recoveryRetries, _recoveryRetries + 1);

    /// <summary>Events refused without being looked at (the symbol could not recover), counted as rejected.</summary>
    internal void CountRefused(int events) => Volatile.Write(ref _rejected, _rejected + events);

    internal void CountSnapshotFailure() => Volatile.Write(ref _snapshotFailures, _snapshotFailures + 1);

    internal void CountDuplicate() => Volatile.Write(ref _duplicates, _duplicates + 1);

    internal void CountGap() => Volatile.Write(ref _gaps, _gaps + 1);

    internal void CountRejected() => Volatile.Write(ref _rejected, _rejected + 1);

    internal void CountSkipped() => Volatile.Write(ref _skipped, _skipped + 1);

    internal void CountResync() => Volatile.Write(ref _resyncs, _resyncs + 1);

    internal void CountRestart() => Volatile.Write(ref _restarts, _restarts + 1);

    internal void CountQuarantined() => Volatile.Write(ref _quarantined, _quarantined + 1);

    /// <summary>Writes the counters as one section (a process that recovers the symbol continues them).</summary>
    internal void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.Counters, CheckpointVersion);
        foreach (long value in (long[])[Applied, Duplicates, Gaps, Rejected, Skipped, Resyncs, Restarts, Quarantined, LastEventTimeNs])
            writer.WriteInt64(value);
        writer.EndSection();
    }

    /// <summary>Replaces the counters with the next section's.</summary>
    internal void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(SymbolSections.Counters, CheckpointVersion);
        var c = new long[9];
        for (int i = 0; i < c.Length; i++)
            c[i] = reader.ReadInt64();
        reader.EndSection();
        Set(c);
    }

    /// <summary>Replaces these counters with <paramref name="other"/>'s (the ones a snapshot held, once it restored whole).</summary>
    internal void CopyFrom(SymbolCounters other) =>
        Set([other.Applied, other.Duplicates, other.Gaps, other.Rejected, other.Skipped, other.Resyncs, other.Restarts, other.Quarantined, other.LastEventTimeNs]);

    private void Set(long[] c)
    {
        Volatile.Write(ref _applied, c[0]);
        Volatile.Write(ref _duplicates, c[1]);
        Volatile.Write(ref _gaps, c[2]);
        Volatile.Write(ref _rejected, c[3]);
        Volatile.Write(ref _skipped, c[4]);
        Volatile.Write(ref _resyncs, c[5]);
        Volatile.Write(ref _restarts, c[6]);
        Volatile.Write(ref _quarantined, c[7]);
        Volatile.Write(ref _lastEventTimeNs, c[8]);
    }
}
