namespace FlowSense.MarketData.Bars;

/// <summary>What a bar builder does with one trade, decided by its sale conditions.</summary>
public enum TradeEligibility : byte
{
    /// <summary>The trade sets prices (open, high, low, close) and adds volume.</summary>
    Counted = 0,
    /// <summary>The trade adds volume, notional and count but does not move the bar's prices.</summary>
    VolumeOnly = 1,
    /// <summary>The trade is left out of the bar entirely (and counted as excluded by the builder).</summary>
    Excluded = 2,
}

/// <summary>
/// Which sale conditions keep a trade out of a bar. Two sets, because the tape's own rules have two: some reports
/// are not executions at all (excluded), others are real volume at a price that must not set the bar's high, low
/// or last (volume only). A trade with a flag in both sets is excluded.
/// </summary>
/// <param name="ExcludedFlags">Any of these flags keeps the trade out of the bar.</param>
/// <param name="PriceExcludedFlags">Any of these flags makes the trade volume-only.</param>
public sealed record SaleConditionFilter(uint ExcludedFlags, uint PriceExcludedFlags)
{
    /// <summary>Every trade counts (feeds without sale conditions, crypto).</summary>
    public static SaleConditionFilter None { get; } = new(0, 0);

    /// <summary>
    /// US equities: drop the official open and official close re-publications (<see cref="UsEquitySaleConditions.OfficialOpen"/>,
    /// <see cref="UsEquitySaleConditions.OfficialClose"/>). They repeat a price that already printed as a trade, so
    /// counting them would add volume that never traded. Every other condition counts in full.
    /// </summary>
    public static SaleConditionFilter UsEquity { get; } = new(
        (uint)(UsEquitySaleConditions.OfficialOpen | UsEquitySaleConditions.OfficialClose), 0);

    /// <summary>
    /// <see cref="UsEquity"/>, plus: trades flagged intermarket sweep or trade-through exempt count as volume only.
    /// This reproduces the prices of the vendor minute bars LEAN ships (IBM 2013-10-07: identical OHLC on 439 of
    /// 453 minutes, against 243 when those trades set prices). No published rule says why the vendor leaves them
    /// out of prices; it is measured, so prefer <see cref="UsEquity"/> unless the goal is to match those bars.
    /// </summary>
    public static SaleConditionFilter LeanVendorBars { get; } = new(
        UsEquity.ExcludedFlags,
        (uint)(UsEquitySaleConditions.IntermarketSweep | UsEquitySaleConditions.TradeThroughExempt));

    /// <summary>Classifies a trade by its condition flags.</summary>
    public TradeEligibility Classify(uint conditions) =>
        (conditions & ExcludedFlags) != 0 ? TradeEligibility.Excluded
        : (conditions & PriceExcludedFlags) != 0 ? TradeEligibility.VolumeOnly
        : TradeEligibility.Counted;
}
