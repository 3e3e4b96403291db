namespace FlowSense.MarketData.Indicators;

/// <summary>How RSI and ATR average their gains, losses or true ranges.</summary>
public enum Smoothing
{
    /// <summary>Wilder's smoothing: an EMA with alpha = 1/n, seeded by the simple average of the first n (the default, as Wilder defined RSI and ATR).</summary>
    Wilder = 0,
    /// <summary>A simple moving average of the last n.</summary>
    Simple = 1,
}

internal static class SmoothingFactory
{
    public static ValueIndicator Create(Smoothing smoothing, int period) => smoothing switch
    {
        Smoothing.Wilder => ExponentialMovingAverage.Wilder(period),
        Smoothing.Simple => new SimpleMovingAverage(period),
        _ => throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Unknown smoothing."),
    };
}
