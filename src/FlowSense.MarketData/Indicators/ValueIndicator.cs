namespace FlowSense.MarketData.Indicators;

/// <summary>
/// An indicator defined on a series of single values (SMA, EMA, RSI, ...). The input contract is one value per
/// update; given a bar, it takes the bar's close, as LEAN and TA-Lib do for these indicators.
/// </summary>
public abstract class ValueIndicator : Indicator, IBarIndicator
{
    /// <inheritdoc />
    protected ValueIndicator(int warmUpPeriod)
        : base(warmUpPeriod)
    {
    }

    /// <summary>Adds the next value of the series.</summary>
    public abstract void Update(double value);

    /// <summary>Adds the bar's close.</summary>
    public void Update(in OhlcvBar bar) => Update(bar.Close);
}
