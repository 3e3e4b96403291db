using System.Text.RegularExpressions;
using FlowSense.Actors.Persistence.TestSupport;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Instruments;
using FlowSense.Sinks.PostgreSql.Series;
using FlowSense.Sinks.PostgreSql.TimeSeries;
using Npgsql;

namespace FlowSense.Sinks.PostgreSql.Tests;

/// <summary>Each table's columns arrive as written.</summary>
public sealed class SeriesTablesTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const long T = 1_793_000_000_000_000_000L; // 2026-10-26 UTC

    private static InstrumentId NewInstrument() => new("BINANCE", $"X{Guid.NewGuid():N}"[..12]);

    private async Task LoadAsync<TRow>(ITimeSeriesTable<TRow> table, params TRow[] rows)
    {
        await using var sink = new TimeSeriesSink<TRow>(database.DataSource, table);
        foreach (TRow row in rows)
            await sink.WriteAsync(row);
        await sink.DisposeAsync();
        Assert.Equal(rows.Length, sink.Counters.Inserted);
    }

    private async Task<object[]> RowAsync(string sql, string symbol)
    {
        await using NpgsqlCommand command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = symbol });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        object[] values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }

    [Fact]
    public async Task Quotes()
    {
        InstrumentId id = NewInstrument();
        await LoadAsync(new QuotesTable(), new Quote(new EventHeader(id, T, T + 7, 42), 100, 3, 101, 4));

        Assert.Equal([T, 42L, T + 7, 100L, 3L, 101L, 4L],
            await RowAsync("SELECT exchange_time_ns, sequence, receive_time_ns, bid_price, bid_size, ask_price, ask_size FROM quotes WHERE symbol = $1", id.Symbol));
    }

    [Fact]
    public async Task Book_top_levels_as_arrays_best_first()
    {
        InstrumentId id = NewInstrument();
        await LoadAsync(new BookTopTable(), new BookTopRow(new EventHeader(id, T, T, 9), [100, 99], [5, 6], [101, 102], [7, 8]));

        object[] row = await RowAsync("SELECT bid_prices, bid_sizes, ask_prices, ask_sizes FROM book_top WHERE symbol = $1", id.Symbol);

        Assert.Equal([100L, 99L], (long[])row[0]);
        Assert.Equal([5L, 6L], (long[])row[1]);
        Assert.Equal([101L, 102L], (long[])row[2]);
        Assert.Equal([7L, 8L], (long[])row[3]);
    }

    [Fact]
    public async Task Bars_keep_an_exact_notional_beyond_64_bits()
    {
        InstrumentId id = NewInstrument();
        Int128 notional = (Int128)long.MaxValue * 1_000;
        await LoadAsync(new BarsTable(), new BarRow(id, "1m", new Bar(T, T + 60_000_000_000, 10, 12, 9, 11, 500, notional, 17)));

        object[] row = await RowAsync("SELECT timeframe, open, high, low, close, volume, notional::text, trade_count, end_time_ns FROM bars WHERE symbol = $1", id.Symbol);

        Assert.Equal(["1m", 10L, 12L, 9L, 11L, 500L, notional.ToString(System.Globalization.CultureInfo.InvariantCulture), 17, T + 60_000_000_000], row);
    }

    [Fact]
    public async Task Features_keep_NaN_for_undefined_values()
    {
        InstrumentId id = NewInstrument();
        var snapshot = new FeatureSnapshot
        {
            TimeNs = T, Mid = 100.5, Microprice = 100.6, RelativeSpread = 0.0001, DepthImbalanceAtBest = -0.25,
            OfiOverEvents = -40, Vpin = double.NaN, KyleLambda = 1e-7, RealizedVariance = 2e-9,
        };
        await LoadAsync(new FeaturesTable(), new FeatureRow(id, snapshot));

        object[] row = await RowAsync("SELECT mid, microprice, relative_spread, depth_imbalance, ofi_over_events, vpin, kyle_lambda, realized_variance, ofi_by_level FROM features WHERE symbol = $1", id.Symbol);

        Assert.Equal([100.5, 100.6, 0.0001, -0.25, -40L, double.NaN, 1e-7, 2e-9, Array.Empty<long>()], row);
    }

    [Fact]
    public async Task Features_keep_every_value_of_the_snapshot()
    {
        InstrumentId id = NewInstrument();
        var snapshot = new FeatureSnapshot
        {
            TimeNs = T, Ready = FeatureReadiness.Ofi | FeatureReadiness.Vpin, QuotedSpread = 3, EstimatedMicroprice = 100.7,
            DepthImbalanceOverLevels = 0.125, OfiLastEvent = -6, OfiOverClock = 12, LastTradeSign = -1,
            LastEffectiveSpread = 0.01, MeanEffectiveSpread = 0.02, LastRealizedSpread = 0.03, MeanRealizedSpread = 0.04,
            LastPriceImpact = 0.05, MeanPriceImpact = 0.06, TradesPerSecond = 7.5, QuoteUpdatesPerSecond = 8.5, HawkesTradeIntensity = double.NaN,
        };
        await LoadAsync(new FeaturesTable(), new FeatureRow(id, snapshot));

        object[] row = await RowAsync("""
            SELECT ready, quoted_spread, estimated_microprice, depth_imbalance_over_levels, ofi_last_event, ofi_over_clock, last_trade_sign,
                last_effective_spread, mean_effective_spread, last_realized_spread, mean_realized_spread, last_price_impact, mean_price_impact,
                trades_per_second, quote_updates_per_second, hawkes_trade_intensity
            FROM features WHERE symbol = $1
            """, id.Symbol);

        Assert.Equal([9, 3L, 100.7, 0.125, -6L, 12L, (short)-1, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 7.5, 8.5, double.NaN], row);
    }

    /// <summary>A value added to the snapshot must get a column, or a reason here why it has none.</summary>
    [Fact]
    public void The_features_table_has_a_column_for_every_snapshot_value()
    {
        var renamed = new Dictionary<string, string> { ["DepthImbalanceAtBest"] = "depth_imbalance", ["MultiLevelOfi"] = "ofi_by_level" };
        string[] elsewhere = ["BidPrice", "AskPrice", "RealizedVolatility"]; // book_top's best quotes; sqrt(realized_variance)
        string[] expected =
        [
            .. typeof(FeatureSnapshot).GetProperties().Select(p => p.Name).Except(elsewhere)
                .Select(name => renamed.GetValueOrDefault(name) ?? Regex.Replace(name, "(?<=[a-z])([A-Z])", "_$1").ToLowerInvariant()),
        ];

        Assert.Equal(expected.Order(), new FeaturesTable().Columns.Except(["venue", "symbol"]).Order());
    }

    [Fact]
    public async Task Features_keep_multi_level_OFI_level_by_level()
    {
        InstrumentId id = NewInstrument();
        var snapshot = new FeatureSnapshot { TimeNs = T, OfiOverEvents = 5, MultiLevelOfi = OfiByLevel.From([5, 30, -20]) };
        await LoadAsync(new FeaturesTable(), new FeatureRow(id, snapshot));

        object[] row = await RowAsync("SELECT ofi_by_level, ofi_by_level[3], array_lower(ofi_by_level, 1) FROM features WHERE symbol = $1", id.Symbol);

        Assert.Equal([new long[] { 5, 30, -20 }, -20L, 1], row);
    }
}
