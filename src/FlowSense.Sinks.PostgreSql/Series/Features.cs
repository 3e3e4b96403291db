using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Instruments;
using FlowSense.Actors.Persistence.PostgreSql.BinaryCopy;
using FlowSense.Sinks.PostgreSql.TimeSeries;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>An instrument's feature values at <see cref="FeatureSnapshot.TimeNs"/>.</summary>
public readonly record struct FeatureRow(InstrumentId Instrument, FeatureSnapshot Features);

/// <summary>
/// Feature snapshots into table <c>features</c>, every value of the snapshot but the best quotes (in <c>book_top</c>,
/// sampled by the same rule) and realized volatility (√ realized_variance); natural key (venue, symbol, time).
/// </summary>
public sealed class FeaturesTable : ITimeSeriesTable<FeatureRow>
{
    public string Name => "features";

    public IReadOnlyList<string> Columns { get; } =
    [
        "venue", "symbol", "time_ns", "mid", "microprice", "relative_spread", "depth_imbalance", "ofi_over_events", "vpin", "kyle_lambda",
        "realized_variance", "ofi_by_level", "ready", "quoted_spread", "estimated_microprice", "depth_imbalance_over_levels", "ofi_last_event",
        "ofi_over_clock", "last_trade_sign", "last_effective_spread", "mean_effective_spread", "last_realized_spread", "mean_realized_spread",
        "last_price_impact", "mean_price_impact", "trades_per_second", "quote_updates_per_second", "hawkes_trade_intensity",
    ];

    public IReadOnlyList<string> KeyColumns { get; } = ["venue", "symbol", "time_ns"];

    public string TimeColumn => "time_ns";

    public SeriesKey SeriesOf(in FeatureRow row) => new(row.Instrument);

    public SeriesPosition PositionOf(in FeatureRow row) => new(row.Features.TimeNs, 0);

    public void WriteRow(CopyRowWriter writer, in FeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        FeatureSnapshot f = row.Features;
        writer.WriteText(row.Instrument.Venue);
        writer.WriteText(row.Instrument.Symbol);
        writer.WriteInt64(f.TimeNs);
        writer.WriteDouble(f.Mid);
        writer.WriteDouble(f.Microprice);
        writer.WriteDouble(f.RelativeSpread);
        writer.WriteDouble(f.DepthImbalanceAtBest);
        writer.WriteInt64(f.OfiOverEvents);
        writer.WriteDouble(f.Vpin);
        writer.WriteDouble(f.KyleLambda);
        writer.WriteDouble(f.RealizedVariance);
        Span<long> levels = stackalloc long[OfiByLevel.MaxLevels];
        writer.WriteInt64Array(levels[..f.MultiLevelOfi.CopyTo(levels)]);
        writer.WriteInt32((int)f.Ready);
        writer.WriteInt64(f.QuotedSpread);
        writer.WriteDouble(f.EstimatedMicroprice);
        writer.WriteDouble(f.DepthImbalanceOverLevels);
        writer.WriteInt64(f.OfiLastEvent);
        writer.WriteInt64(f.OfiOverClock);
        writer.WriteInt16((short)f.LastTradeSign);
        writer.WriteDouble(f.LastEffectiveSpread);
        writer.WriteDouble(f.MeanEffectiveSpread);
        writer.WriteDouble(f.LastRealizedSpread);
        writer.WriteDouble(f.MeanRealizedSpread);
        writer.WriteDouble(f.LastPriceImpact);
        writer.WriteDouble(f.MeanPriceImpact);
        writer.WriteDouble(f.TradesPerSecond);
        writer.WriteDouble(f.QuoteUpdatesPerSecond);
        writer.WriteDouble(f.HawkesTradeIntensity);
    }
}
