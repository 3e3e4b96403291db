namespace FlowSense.MarketData.Indicators;

/// <summary>
/// The one input contract of every indicator: bars in time order. Indicators that need the whole bar (true range,
/// VWAP, OBV) implement only this; value indicators also accept a single value (see <see cref="ValueIndicator"/>).
/// </summary>
public interface IBarIndicator
{
    /// <summary>Adds the next bar. Bars must arrive in time order, one per period.</summary>
    void Update(in OhlcvBar bar);
}
