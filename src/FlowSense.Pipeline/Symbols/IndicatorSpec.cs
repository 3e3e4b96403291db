using FlowSense.MarketData.Indicators;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// One indicator of a symbol's set: its name (as queries and updates report it) and how to make a fresh instance
/// (one per time frame, and again when the actor restarts).
/// </summary>
/// <param name="Name">For example <c>ema14</c>.</param>
/// <param name="Create">Makes the indicator; it must also derive from <see cref="Indicator"/> so its value can be read.</param>
public sealed record IndicatorSpec(string Name, Func<IBarIndicator> Create)
{
    /// <summary>SMA 14, EMA 14, RSI 14 (Wilder), MACD(12,26,9), Bollinger(20,2), ATR 14 (Wilder), OBV, VWAP 50, log return 14.</summary>
    public static IReadOnlyList<IndicatorSpec> Standard { get; } =
    [
        new("sma14", () => new SimpleMovingAverage(14)),
        new("ema14", () => new ExponentialMovingAverage(14)),
        new("rsi14", () => new RelativeStrengthIndex(14)),
        new("macd", () => new MovingAverageConvergenceDivergence()),
        new("bollinger20", () => new BollingerBands()),
        new("atr14", () => new AverageTrueRange()),
        new("obv", () => new OnBalanceVolume()),
        new("vwap50", () => new RollingVwap(50)),
        new("logr14", () => new LogReturn(14)),
    ];
}
