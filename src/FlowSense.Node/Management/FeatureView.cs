using System.Text.Json;
using FlowSense.Management.Contract;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Ofi;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Node.Management;

/// <summary>
/// A <see cref="FeatureSnapshot"/> (raw fixed-point units, NaN for undefined) as <see cref="SymbolFeatures"/>
/// (currency and size units, null for undefined), with the instrument's scales.
/// </summary>
internal static class FeatureView
{
    public static SymbolFeatures From(string symbol, long version, Instrument i, in FeatureSnapshot f)
    {
        double priceScale = FixedPoint.Pow10Double(i.PriceDecimals);
        bool twoSided = f.BidPrice > 0 && f.AskPrice > 0;
        return new SymbolFeatures(
            symbol, version,
            f.TimeNs == 0 ? null : Time(f.TimeNs),
            f.BidPrice > 0 ? i.PriceToDecimal(f.BidPrice) : null,
            f.AskPrice > 0 ? i.PriceToDecimal(f.AskPrice) : null,
            Defined(f.Mid / priceScale),
            twoSided ? i.PriceToDecimal(f.QuotedSpread) : null,
            Defined(f.RelativeSpread),
            Defined(f.Microprice / priceScale),
            Defined(f.DepthImbalanceAtBest),
            i.SizeToDecimal(f.OfiOverEvents),
            Defined(f.Vpin),
            // λ is per √(raw size); one size unit is 10^SizeDecimals raw units, so per √size it is λ·10^(d/2).
            Defined(f.KyleLambda * Math.Sqrt(FixedPoint.Pow10Double(i.SizeDecimals))),
            Defined(f.RealizedVolatility),
            Defined(f.MeanEffectiveSpread),
            Defined(f.TradesPerSecond))
        {
            OfiByLevel = Sizes(i, f.MultiLevelOfi),
            OfiLastEvent = i.SizeToDecimal(f.OfiLastEvent),
            OfiOverClock = i.SizeToDecimal(f.OfiOverClock),
            DepthImbalanceOverLevels = Defined(f.DepthImbalanceOverLevels),
            EstimatedMicroprice = Defined(f.EstimatedMicroprice / priceScale),
            LastTradeSign = f.LastTradeSign,
            LastEffectiveSpread = Defined(f.LastEffectiveSpread),
            LastRealizedSpread = Defined(f.LastRealizedSpread),
            RealizedSpread = Defined(f.MeanRealizedSpread),
            LastPriceImpact = Defined(f.LastPriceImpact),
            PriceImpact = Defined(f.MeanPriceImpact),
            RealizedVariance = Defined(f.RealizedVariance),
            QuoteUpdatesPerSecond = Defined(f.QuoteUpdatesPerSecond),
            HawkesTradeIntensity = Defined(f.HawkesTradeIntensity),
            VpinReady = (f.Ready & FeatureReadiness.Vpin) != 0,
            WarmingUp = WarmingUp(f.Ready),
        };
    }

    /// <summary>The names, camelCase as in the JSON, of the readiness flags not yet set.</summary>
    private static string[] WarmingUp(FeatureReadiness ready) =>
        [.. Enum.GetValues<FeatureReadiness>().Where(r => r != FeatureReadiness.None && (ready & r) == 0).Select(r => JsonNamingPolicy.CamelCase.ConvertName(r.ToString()))];

    private static decimal[] Sizes(Instrument i, OfiByLevel levels)
    {
        var sizes = new decimal[levels.Count];
        for (int m = 0; m < sizes.Length; m++)
            sizes[m] = i.SizeToDecimal(levels[m]);
        return sizes;
    }

    /// <summary>Nanoseconds since the Unix epoch as a UTC time (100 ns resolution).</summary>
    public static DateTimeOffset Time(long unixNs) => DateTimeOffset.UnixEpoch.AddTicks(unixNs / 100);

    private static double? Defined(double value) => double.IsFinite(value) ? value : null;
}
