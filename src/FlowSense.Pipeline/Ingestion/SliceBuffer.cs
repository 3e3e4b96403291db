using System.Runtime.InteropServices;
using FlowSense.Feeds.Replay;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// One reusable buffer of an ingestion run: a source batch's events regrouped so that each instrument's events are
/// contiguous (one slice per instrument), and the slice messages pointing into it. It goes back to the run's pool when the last of its slices is acknowledged.
/// </summary>
internal sealed class SliceBuffer(int capacity)
{
    private readonly List<SymbolEvents> _slices = [];
    private OutstandingSlices _outstanding;

    public MarketEvent[] Events { get; private set; } = new MarketEvent[capacity];

    /// <summary>Each event's position in the source (its 1-based ordinal), parallel to <see cref="Events"/>.</summary>
    public long[] Positions { get; private set; } = new long[capacity];

    /// <summary>Grows (never shrinks) to hold <paramref name="count"/> events; only while the buffer is in the pool's hands.</summary>
    public void EnsureCapacity(int count)
    {
        if (Events.Length < count)
        {
            int size = Math.Max(count, Events.Length * 2);
            Events = new MarketEvent[size];
            Positions = new long[size];
        }
    }

    /// <summary>
    /// The <paramref name="index"/>-th slice object of this buffer, made on first use and reused afterwards: a slice
    /// (and its acknowledgement) is only ever in flight while its buffer is.
    /// </summary>
    public SymbolEvents Slice(int index)
    {
        while (_slices.Count <= index)
            _slices.Add(new SymbolEvents { Delivery = this });
        return _slices[index];
    }

    /// <summary>Slices sent from this buffer the last time it went out (the first <see cref="Slice"/>s).</summary>
    public int SentSlices { get; private set; }

    public void Expect(int slices)
    {
        SentSlices = slices;
        Volatile.Write(ref _outstanding.Count, slices);
    }

    /// <summary>Counts one acknowledged slice; true for the last.</summary>
    public bool Acknowledge() => Interlocked.Decrement(ref _outstanding.Count) == 0;

    /// <summary>
    /// The count both cores' symbol actors decrement, on a cache line of its own: beside the fields the ingestion loop
    /// reads while it is still telling the buffer's slices (<see cref="Events"/>, the slice list), every acknowledgement
    /// would take their line away from the loop. 64 bytes of padding before and 60 after.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct OutstandingSlices
    {
        [FieldOffset(64)]
        public int Count;
    }
}
