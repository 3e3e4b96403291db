using FlowSense.MarketData.Instruments;
using FlowSense.Node.Configuration;
using FlowSense.Node.Replays;

namespace FlowSense.Node.Vpin;

/// <summary>
/// The VPIN bucket volume V of each instrument. Easley, López de Prado and O'Hara (2012) size buckets at 1/50 of the
/// average daily volume, so VPIN over 50 buckets spans about a day of trading whatever the instrument's size units;
/// one fixed V for every instrument would span minutes of one and weeks of another (a Coinbase pair measured in
/// satoshi-like raw units filled one bucket a day and read 1.000). In order of precedence:
/// <list type="number">
/// <item><c>symbols."VENUE:SYMBOL".vpin-bucket-volume</c>, in the instrument's own units;</item>
/// <item>for a replay, its files' traded volume of the instrument ÷ the days it traded ÷
/// <c>symbols.vpin-buckets-per-day</c> (from the discovery pass), at least one raw unit;</item>
/// <item>for a live connector's instruments, which have no data yet (and a replayed one that never trades),
/// <c>symbols.vpin-venue-bucket-volume.VENUE</c>.</item>
/// </list>
/// V is part of the symbol's settings and is checked when a snapshot is restored: a run with another V fails clearly
/// instead of mixing buckets of two sizes.
/// </summary>
internal sealed class VpinBucketSizing(SymbolDefaults defaults)
{
    /// <summary>The bucket volume, raw size units, of <paramref name="instrument"/>; <paramref name="traded"/> is what a replay saw it trade.</summary>
    /// <exception cref="InvalidOperationException">A live instrument whose venue has no default (configuration validation prevents it).</exception>
    public long RawBucketVolume(Instrument instrument, TradedVolume? traded)
    {
        if (defaults.VpinBucketVolumes.TryGetValue(instrument.Id, out decimal configured))
            return Raw(instrument, configured);
        if (traded is { Volume: > 0 })
            return Math.Max(1, traded.AverageDailyVolume / defaults.VpinBucketsPerDay);
        if (defaults.VenueBucketVolume(instrument.Id.Venue) is { } venueDefault)
            return Raw(instrument, venueDefault);
        if (traded is not null)
            return 1; // a replayed instrument that never trades: its VPIN stays undefined whatever V is
        throw new InvalidOperationException(
            $"No VPIN bucket volume for {instrument.Id}: set flowsense.node.symbols.vpin-venue-bucket-volume.{instrument.Id.Venue} " +
            $"or flowsense.node.symbols.\"{instrument.Id}\".vpin-bucket-volume.");
    }

    /// <summary>Instrument units to raw units, rounded, at least one.</summary>
    private static long Raw(Instrument instrument, decimal units) =>
        (long)Math.Max(1m, Math.Round(units * FixedPoint.Pow10(instrument.SizeDecimals), MidpointRounding.AwayFromZero));
}
