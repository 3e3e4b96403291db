using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Instruments;

namespace FlowSense.MarketData.Indicators;

/// <summary>
/// A bar as indicators see it: prices and volume in currency and share units as <see cref="double"/>.
/// Build it from a fixed-point <see cref="Bar"/> with <see cref="From"/>.
/// </summary>
/// <param name="TimeNs">The bar's time, nanoseconds since the Unix epoch (UTC); informational only.</param>
public readonly record struct OhlcvBar(long TimeNs, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>Converts a built bar (raw fixed-point units of <paramref name="instrument"/>), stamped with its start time.</summary>
    public static OhlcvBar From(in Bar bar, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new OhlcvBar(
            bar.StartTimeNs,
            instrument.PriceToDouble(bar.Open),
            instrument.PriceToDouble(bar.High),
            instrument.PriceToDouble(bar.Low),
            instrument.PriceToDouble(bar.Close),
            instrument.SizeToDouble(bar.Volume));
    }
}
