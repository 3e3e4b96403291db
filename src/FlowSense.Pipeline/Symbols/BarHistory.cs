using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Symbols;

/// <summary>The last K closed bars of one time frame, in a ring allocated once.</summary>
internal sealed class BarHistory(int capacity) : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    private readonly Bar[] _ring = new Bar[Math.Max(1, capacity)];
    private int _next;
    private int _count;

    public int Count => _count;

    public void Add(in Bar bar)
    {
        _ring[_next] = bar;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    /// <summary>The last <paramref name="count"/> bars (at most those held), oldest first.</summary>
    public Bar[] Last(int count)
    {
        int n = Math.Clamp(count, 0, _count);
        var result = new Bar[n];
        int start = (_next - n + _ring.Length) % _ring.Length;
        for (int i = 0; i < n; i++)
            result[i] = _ring[(start + i) % _ring.Length];
        return result;
    }

    /// <inheritdoc />
    public void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.BeginSection(SymbolSections.BarHistory, CheckpointVersion);
        writer.WriteInt64(_ring.Length);
        writer.WriteInt32(_count);
        foreach (Bar bar in Last(_count))
        {
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
        reader.ReadExpected(_ring.Length, "bar history capacity");
        int count = reader.ReadCount(_ring.Length, "bars held");
        _next = 0;
        _count = 0;
        for (int i = 0; i < count; i++)
        {
            Add(new Bar(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt128(), reader.ReadInt32()));
        }
        reader.EndSection();
    }
}
