using FlowSense.Feeds.Replay;

namespace FlowSense.Pipeline.Ingestion;

/// <summary>
/// One reusable buffer of an ingestion run: a source batch's events regrouped so that each instrument's events are
/// contiguous (one slice per instrument). It goes back to the run's pool when the last of its slices is acknowledged.
/// </summary>
internal sealed class SliceBuffer(int capacity)
{
    private int _outstanding;

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

    public void Expect(int slices) => Volatile.Write(ref _outstanding, slices);

    /// <summary>Counts one acknowledged slice; true for the last.</summary>
    public bool Acknowledge() => Interlocked.Decrement(ref _outstanding) == 0;
}
