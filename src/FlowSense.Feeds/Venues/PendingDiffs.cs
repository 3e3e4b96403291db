using System.Runtime.InteropServices;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Venues;

/// <summary>
/// Book diffs held back while a book waits for its snapshot, in arrival order, with their levels copied into one
/// shared list. Bounded: past <paramref name="capacity"/> diffs the oldest is dropped and counted (a snapshot taken
/// after it does not need it; an older one will be found too old by the sync rules).
/// </summary>
public sealed class PendingDiffs(int capacity)
{
    private readonly List<Diff> _diffs = [];
    private readonly List<LevelUpdate> _levels = [];
    private int _head; // diffs before it have been dropped; compacted once they are the larger part

    /// <summary>One buffered diff: the update-id range it covers (a venue with a single id or time uses it twice).</summary>
    public readonly record struct Diff(long FirstId, long FinalId, EventHeader Header, int Start, int Count);

    public int Count => _diffs.Count - _head;

    /// <summary>Diffs dropped because the buffer was full.</summary>
    public long Overflows { get; private set; }

    public Diff this[int index] => _diffs[_head + index];

    public void Add(long firstId, long finalId, ReadOnlySpan<LevelUpdate> levels, in EventHeader header)
    {
        if (Count == capacity)
        {
            DropOldest(1);
            Overflows++;
        }
        _diffs.Add(new Diff(firstId, finalId, header, _levels.Count, levels.Length));
        _levels.AddRange(levels);
    }

    /// <summary>Drops the leading diffs whose final id is at or below <paramref name="coveredId"/> (a snapshot already holds them).</summary>
    public void DropCovered(long coveredId)
    {
        int n = 0;
        while (n < Count && this[n].FinalId <= coveredId)
            n++;
        DropOldest(n);
    }

    /// <summary>Receives one drained diff with its levels.</summary>
    public delegate void DiffHandler<TState>(TState state, in Diff diff, ReadOnlySpan<LevelUpdate> levels);

    /// <summary>
    /// Hands every buffered diff to <paramref name="apply"/> in order and empties the buffer (apply may buffer again,
    /// so the diffs are copied out first; an empty buffer costs nothing).
    /// </summary>
    public void Drain<TState>(TState state, DiffHandler<TState> apply)
    {
        if (Count == 0)
            return;
        var diffs = CollectionsMarshal.AsSpan(_diffs)[_head..].ToArray();
        var levels = _levels.ToArray();
        Clear();
        foreach (var diff in diffs)
            apply(state, diff, levels.AsSpan(diff.Start, diff.Count));
    }

    public void Clear()
    {
        _diffs.Clear();
        _levels.Clear();
        _head = 0;
    }

    // O(1) amortised: advance the head, and move the live part down only when the dead part outgrows it.
    private void DropOldest(int count)
    {
        _head += count;
        if (_head == _diffs.Count)
        {
            Clear();
            return;
        }
        if (_head < 64 || _head < Count)
            return;
        int levels = _diffs[_head].Start;
        _diffs.RemoveRange(0, _head);
        _levels.RemoveRange(0, levels);
        _head = 0;
        var diffs = CollectionsMarshal.AsSpan(_diffs);
        for (int i = 0; i < diffs.Length; i++)
            diffs[i] = diffs[i] with { Start = diffs[i].Start - levels };
    }
}
