using System.Text.Json;
using FlowSense.Management.Contract;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Instruments;
using FlowSense.Node.Management;

namespace FlowSense.Node.Tests.Management;

/// <summary>What the endpoint's <c>/features</c> (and so <c>symbol features</c>) makes of a feature snapshot.</summary>
public class FeatureViewTests
{
    private static readonly Instrument Instrument = new(new InstrumentId("TEST", "XYZ"), PriceDecimals: 2, TickSize: 1, SizeDecimals: 3);

    /// <summary>A two-sided book, so that every value the view derives from the quotes is defined.</summary>
    private static readonly FeatureSnapshot TwoSided = new() { BidPrice = 10_000, AskPrice = 10_002, QuotedSpread = 2 };

    [Fact]
    public void Prices_and_sizes_are_in_the_instrument_s_units()
    {
        var snapshot = TwoSided with
        {
            Mid = 10_001, EstimatedMicroprice = 10_001.5, OfiOverEvents = 1_500, OfiLastEvent = -250, OfiOverClock = 4_000,
            MultiLevelOfi = OfiByLevel.From([1_500, -20, 0]), LastTradeSign = -1, MeanRealizedSpread = 0.0002, HawkesTradeIntensity = double.NaN,
        };

        SymbolFeatures view = FeatureView.From("TEST:XYZ", 3, Instrument, snapshot);

        Assert.Equal(100.00m, view.BestBid);
        Assert.Equal(0.02m, view.Spread);
        Assert.Equal(100.01, view.Mid);
        Assert.Equal(100.015, view.EstimatedMicroprice);
        Assert.Equal(1.5m, view.Ofi);
        Assert.Equal(-0.25m, view.OfiLastEvent);
        Assert.Equal(4m, view.OfiOverClock);
        Assert.Equal([1.5m, -0.02m, 0m], view.OfiByLevel);
        Assert.Equal(-1, view.LastTradeSign);
        Assert.Equal(0.0002, view.RealizedSpread);
        Assert.Null(view.HawkesTradeIntensity);
    }

    [Fact]
    public void Features_still_warming_up_are_named()
    {
        SymbolFeatures view = FeatureView.From("TEST:XYZ", 3, Instrument, TwoSided with { Ready = FeatureReadiness.Ofi | FeatureReadiness.Vpin });

        Assert.Equal(["multiLevelOfi", "postTradeSpreads", "kyleLambda", "realizedVariance", "tradeIntensity"], view.WarmingUp);
        Assert.True(view.VpinReady);
        Assert.Equal(7, FeatureView.From("TEST:XYZ", 3, Instrument, TwoSided).WarmingUp.Count);
    }

    /// <summary>A value added to the snapshot must reach the view.</summary>
    [Fact]
    public void Every_snapshot_value_reaches_the_view()
    {
        string baseline = Json(TwoSided);
        foreach (var property in typeof(FeatureSnapshot).GetProperties())
        {
            object changed = TwoSided;
            property.SetValue(changed, property.PropertyType switch
            {
                var t when t == typeof(double) => 12.5,
                var t when t == typeof(long) => 7L,
                var t when t == typeof(int) => 1,
                var t when t == typeof(OfiByLevel) => OfiByLevel.From([7]),
                var t when t == typeof(FeatureReadiness) => FeatureReadiness.KyleLambda,
                var t => throw new InvalidOperationException($"FeatureSnapshot.{property.Name} is a {t}: give the test a value of it"),
            });
            Assert.True(Json((FeatureSnapshot)changed) != baseline, $"FeatureSnapshot.{property.Name} does not reach the view");
        }
    }

    private static string Json(FeatureSnapshot snapshot) =>
        JsonSerializer.Serialize(FeatureView.From("TEST:XYZ", 1, Instrument, snapshot), ManagementJson.Default.SymbolFeatures);
}
