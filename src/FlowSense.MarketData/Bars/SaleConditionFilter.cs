using FlowSense.MarketData.Checkpoints;

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
/// Which sale conditions keep a trade out of a bar. Two outcomes, because the tape's own rules have two: some
/// reports are not executions at all (excluded), others are real volume at a price that must not set the bar's
/// open, high, low or close (volume only).
/// </summary>
/// <param name="ExcludedFlags">Any of these flags keeps the trade out of the bar entirely.</param>
/// <param name="PriceExcludedFlags">Any of these flags makes the trade volume-only ...</param>
/// <param name="PriceIncludedFlags">... unless it also carries one of these, which keep its price (LEAN's rule:
/// a trade's price is left out only when it has an excluded flag and none of the included ones).</param>
public sealed record SaleConditionFilter(uint ExcludedFlags, uint PriceExcludedFlags, uint PriceIncludedFlags = 0)
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
    /// The rule of LEAN's US-equity trade bars, as its documentation states it (QuantConnect/Documentation,
    /// Resources/data-feeds/excluded-ticks.php and trade-condition-flags-table.html, shown under "Bar Building" on
    /// https://www.quantconnect.com/docs/v2/writing-algorithms/securities/asset-classes/us-equity/data-preparation):
    /// an excluded tick keeps its volume but not its price, and a trade is excluded when it has none of the flags
    /// Regular, FormT, Cash, ExtendedHours, NextDay, OfficialClose, OfficialOpen, ClosingPrints, OpeningPrints and
    /// at least one of IntermarketSweep, TradeThroughExempt, OddLot. On top of that the official open and close
    /// re-publications are dropped as in <see cref="UsEquity"/>: the documentation lists them as included, but the
    /// vendor's minute volume only matches without them. Suspicious ticks, also price-excluded by that rule, carry
    /// their flag on the LEAN tick rather than in the conditions: FlowSense.Feeds' <c>LeanTradeTick.Eligibility</c>
    /// applies it. Not reproduced: FINRA prints above price and volume thresholds LEAN does not disclose. On IBM 2013-10-07 the bars built with it equal the vendor's minute bars in OHLC on 451
    /// of 453 minutes and in volume on 451 (the exceptions, all around the opening and closing crosses, are
    /// explained on <see cref="TimeBarBuilder"/>).
    /// </summary>
    public static SaleConditionFilter LeanTradeBars { get; } = new(
        UsEquity.ExcludedFlags,
        (uint)(UsEquitySaleConditions.IntermarketSweep | UsEquitySaleConditions.TradeThroughExempt | UsEquitySaleConditions.OddLot),
        (uint)(UsEquitySaleConditions.Regular | UsEquitySaleConditions.FormT | UsEquitySaleConditions.Cash
               | UsEquitySaleConditions.ExtendedHours | UsEquitySaleConditions.NextDay | UsEquitySaleConditions.OfficialClose
               | UsEquitySaleConditions.OfficialOpen | UsEquitySaleConditions.ClosingPrints | UsEquitySaleConditions.OpeningPrints));

    /// <summary>Classifies a trade by its condition flags.</summary>
    /// <summary>Writes the flags, so a restore can check it runs under the same filter.</summary>
    internal void WriteCheckpoint(ref CheckpointWriter writer)
    {
        writer.WriteInt64(ExcludedFlags);
        writer.WriteInt64(PriceExcludedFlags);
        writer.WriteInt64(PriceIncludedFlags);
    }

    /// <summary>Reads what <see cref="WriteCheckpoint"/> wrote and refuses a filter that differs from this one.</summary>
    internal void ReadExpected(ref CheckpointReader reader)
    {
        reader.ReadExpected(ExcludedFlags, "the sale-condition filter's excluded flags");
        reader.ReadExpected(PriceExcludedFlags, "the sale-condition filter's price-excluded flags");
        reader.ReadExpected(PriceIncludedFlags, "the sale-condition filter's price-included flags");
    }

    public TradeEligibility Classify(uint conditions) =>
        (conditions & ExcludedFlags) != 0 ? TradeEligibility.Excluded
        : (conditions & PriceExcludedFlags) != 0 && (conditions & PriceIncludedFlags) == 0 ? TradeEligibility.VolumeOnly
        : TradeEligibility.Counted;
}
