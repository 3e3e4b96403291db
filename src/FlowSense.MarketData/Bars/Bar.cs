using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Bars;

/// <summary>
/// An OHLCV bar in the instrument's raw fixed-point units, as the bar builders emit it.
/// </summary>
/// <param name="StartTimeNs">
/// Time bars: the start of the period (inclusive), LEAN-style: the bar stamped 09:30:00 covers [09:30:00, 09:31:00).
/// Tick, volume and dollar bars: the exchange time of the first trade in the bar.
/// </param>
/// <param name="EndTimeNs">
/// Time bars: the end of the period (exclusive). Tick, volume and dollar bars: the exchange time of the last trade.
/// </param>
/// <param name="Open">First eligible trade price (raw units).</param>
/// <param name="High">Highest eligible trade price.</param>
/// <param name="Low">Lowest eligible trade price.</param>
/// <param name="Close">Last eligible trade price.</param>
/// <param name="Volume">Total size of the trades counted (raw size units).</param>
/// <param name="Notional">Σ price·size of the trades counted, in raw price × raw size units (exact; Int128 cannot overflow on a day's tape).</param>
/// <param name="TradeCount">How many trades the bar counted.</param>
public readonly record struct Bar(
    long StartTimeNs, long EndTimeNs, long Open, long High, long Low, long Close, long Volume, Int128 Notional, int TradeCount)
{
    /// <summary>Volume-weighted average price in raw price units (NaN for a bar with no volume).</summary>
    public double Vwap => Volume == 0 ? double.NaN : (double)Notional / Volume;

    /// <summary>The notional in currency units, given the instrument's decimals.</summary>
    public double NotionalValue(int priceDecimals, int sizeDecimals) =>
        (double)Notional / (Instruments.FixedPoint.Pow10Double(priceDecimals) * Instruments.FixedPoint.Pow10Double(sizeDecimals));

    /// <summary>Writes the bar's fields (for state that remembers a bar, such as a validator's previous one).</summary>
    internal void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.WriteInt64(StartTimeNs);
        writer.WriteInt64(EndTimeNs);
        writer.WriteInt64(Open);
        writer.WriteInt64(High);
        writer.WriteInt64(Low);
        writer.WriteInt64(Close);
        writer.WriteInt64(Volume);
        writer.WriteInt128(Notional);
        writer.WriteInt32(TradeCount);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote.</summary>
    internal static Bar ReadCheckpoint(ref CheckpointReader reader) => new(
        reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(),
        reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt128(), reader.ReadInt32());
}
