using FlowSense.MarketData.Features;
using FlowSense.MarketData.Instruments;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;
using NpgsqlTypes;

namespace FlowSense.Sinks.PostgreSql.Series;

/// <summary>An instrument's feature values at <see cref="FeatureSnapshot.TimeNs"/>.</summary>
public readonly record struct FeatureRow(InstrumentId Instrument, FeatureSnapshot Features);

/// <summary>Feature snapshots into table <c>features</c>; natural key (venue, symbol, time).</summary>
public sealed class FeaturesTable : ITimeSeriesTable<FeatureRow>
{
    public string Name => "features";

    public IReadOnlyList<string> Columns { get; } =
        ["venue", "symbol", "time_ns", "mid", "microprice", "relative_spread", "depth_imbalance", "ofi_over_events", "vpin", "kyle_lambda", "realized_variance"];

    public long TimeNsOf(in FeatureRow row) => row.Features.TimeNs;

    public void WriteRow(NpgsqlBinaryImporter importer, in FeatureRow row)
    {
        ArgumentNullException.ThrowIfNull(importer);
        FeatureSnapshot f = row.Features;
        importer.Write(row.Instrument.Venue, NpgsqlDbType.Text);
        importer.Write(row.Instrument.Symbol, NpgsqlDbType.Text);
        importer.Write(f.TimeNs, NpgsqlDbType.Bigint);
        importer.Write(f.Mid, NpgsqlDbType.Double);
        importer.Write(f.Microprice, NpgsqlDbType.Double);
        importer.Write(f.RelativeSpread, NpgsqlDbType.Double);
        importer.Write(f.DepthImbalanceAtBest, NpgsqlDbType.Double);
        importer.Write(f.OfiOverEvents, NpgsqlDbType.Bigint);
        importer.Write(f.Vpin, NpgsqlDbType.Double);
        importer.Write(f.KyleLambda, NpgsqlDbType.Double);
        importer.Write(f.RealizedVariance, NpgsqlDbType.Double);
    }
}
