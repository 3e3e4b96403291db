using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Features.RollingWindows;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The last K closed bars of one time frame, in a ring that grows with the bars closed, up to K (a symbol that never
/// trades holds no history; one that does reaches K within K bars and then allocates nothing).
/// </summary>
internal sealed class BarHistory(int capacity) : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private BoundedQueue<Bar> _ring = new(Math.Max(1, capacity));

    public int Count => _ring.Count;

    public void Add(in Bar bar)
    {
        if (_ring.IsFull)
            _ring.DropOldest();
        _ring.Enqueue(bar);
    }

    /// <summary>The last <paramref name="count"/> bars (at most those held), oldest first.</summary>
    public Bar[] Last(int count)
    {
        int n = Math.Clamp(count, 0, _ring.Count);
        var result = new Bar[n];
        for (int i = 0; i < n; i++)
            result[i] = _ring[_ring.Count - n + i];
        return result;
    }

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.BarHistory, CheckpointVersion);
        writer.WriteInt64(_ring.Capacity);
        writer.WriteInt32(_ring.Count);
        for (int i = 0; i < _ring.Count; i++)
        {
            ref Bar bar = ref _ring[i];
            writer.WriteInt64(bar.StartTimeNs);
            writer.WriteInt64(bar.EndTimeNs);
            writer.WriteInt64(bar.Open);
            writer.WriteInt64(bar.High);
            writer.WriteInt64(bar.Low);
            writer.WriteInt64(bar.Close);
            writer.WriteInt64(bar.Volume);
            writer.WriteInt128(bar.Notional);
            writer.WriteInt32(bar.TradeCount);
        }
        writer.EndSection();
    }

    /// <inheritdoc />
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        reader.BeginSection(SymbolSections.BarHistory, CheckpointVersion);
        reader.ReadExpected(_ring.Capacity, "bar history capacity");
        int count = reader.ReadCount(_ring.Capacity, "bars held");
        _ring.Clear();
        _ring.Reserve(count);
        for (int i = 0; i < count; i++)
        {
            Add(new Bar(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt128(), reader.ReadInt32()));
        }
        reader.EndSection();
    }
}
