using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Bars;

/// <summary>
/// The running state of one open bar. Volume-only trades feed volume, notional and count; they set prices only
/// when the bar ends with no counted trade at all, so a bar never reports volume without prices.
/// </summary>
internal struct BarAccumulator
{
    private long _open, _high, _low, _close;
    private long _fallbackOpen, _fallbackHigh, _fallbackLow, _fallbackClose;
    private bool _hasPrice;

    public long FirstTimeNs { get; private set; }

    public long LastTimeNs { get; private set; }

    public long Volume { get; private set; }

    public Int128 Notional { get; private set; }

    public int TradeCount { get; private set; }

    public readonly bool IsEmpty => TradeCount == 0;

    public void Add(long price, long size, long timeNs, TradeEligibility eligibility)
    {
        if (TradeCount == 0)
        {
            FirstTimeNs = timeNs;
            _fallbackOpen = _fallbackHigh = _fallbackLow = price;
        }
        LastTimeNs = timeNs;
        TradeCount++;
        Volume += size;
        Notional += (Int128)price * size;
        _fallbackClose = price;
        _fallbackHigh = Math.Max(_fallbackHigh, price);
        _fallbackLow = Math.Min(_fallbackLow, price);
        if (eligibility != TradeEligibility.Counted)
            return;
        if (!_hasPrice)
        {
            _hasPrice = true;
            _open = _high = _low = price;
        }
        _close = price;
        _high = Math.Max(_high, price);
        _low = Math.Min(_low, price);
    }

    public readonly Bar ToBar(long startTimeNs, long endTimeNs) => _hasPrice
        ? new Bar(startTimeNs, endTimeNs, _open, _high, _low, _close, Volume, Notional, TradeCount)
        : new Bar(startTimeNs, endTimeNs, _fallbackOpen, _fallbackHigh, _fallbackLow, _fallbackClose, Volume, Notional, TradeCount);

    public void Clear() => this = default;

    /// <summary>Writes the open bar's fields into the section of the builder that owns it.</summary>
    public readonly void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.WriteInt32(TradeCount);
        writer.WriteInt64(FirstTimeNs);
        writer.WriteInt64(LastTimeNs);
        writer.WriteInt64(Volume);
        writer.WriteInt128(Notional);
        writer.WriteBoolean(_hasPrice);
        writer.WriteInt64(_open);
        writer.WriteInt64(_high);
        writer.WriteInt64(_low);
        writer.WriteInt64(_close);
        writer.WriteInt64(_fallbackOpen);
        writer.WriteInt64(_fallbackHigh);
        writer.WriteInt64(_fallbackLow);
        writer.WriteInt64(_fallbackClose);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote.</summary>
    public void RestoreCheckpoint(ref CheckpointReader reader)
    {
        TradeCount = reader.ReadInt32();
        if (TradeCount < 0)
            throw reader.Corrupt($"the open bar has {TradeCount} trades");
        FirstTimeNs = reader.ReadInt64();
        LastTimeNs = reader.ReadInt64();
        Volume = reader.ReadInt64();
        Notional = reader.ReadInt128();
        _hasPrice = reader.ReadBoolean();
        _open = reader.ReadInt64();
        _high = reader.ReadInt64();
        _low = reader.ReadInt64();
        _close = reader.ReadInt64();
        _fallbackOpen = reader.ReadInt64();
        _fallbackHigh = reader.ReadInt64();
        _fallbackLow = reader.ReadInt64();
        _fallbackClose = reader.ReadInt64();
    }
}
