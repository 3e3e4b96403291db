namespace FlowSense.MarketData.Bars;

/// <summary>
/// The US-equity sale-condition bits that <see cref="Events.Trade.Conditions"/> carries for LEAN/AlgoSeek tick
/// data (the hex "sale condition" column of LEAN's trade tick files, one bit per CTA/UTP condition).
/// Bit positions are those of LEAN's <c>TradeConditionFlags</c> (QuantConnect/Lean, Common/Data/Auxiliary).
/// </summary>
[Flags]
public enum UsEquitySaleConditions : uint
{
    None = 0,
    Regular = 1u << 0,
    Cash = 1u << 1,
    NextDay = 1u << 2,
    Seller = 1u << 3,
    YellowFlag = 1u << 4,
    /// <summary>Execution of an intermarket sweep order (ISO).</summary>
    IntermarketSweep = 1u << 5,
    /// <summary>The market centre's single-price opening cross.</summary>
    OpeningPrints = 1u << 6,
    /// <summary>The market centre's single-price closing cross.</summary>
    ClosingPrints = 1u << 7,
    ReopeningPrints = 1u << 8,
    DerivativelyPriced = 1u << 9,
    FormT = 1u << 10,
    /// <summary>Sold last: reported late, in sequence.</summary>
    Sold = 1u << 11,
    Stopped = 1u << 12,
    ExtendedHours = 1u << 13,
    OutOfSequence = 1u << 14,
    Split = 1u << 15,
    Acquisition = 1u << 16,
    Bunched = 1u << 17,
    StockOption = 1u << 18,
    Distribution = 1u << 19,
    AveragePrice = 1u << 20,
    Cross = 1u << 21,
    PriceVariation = 1u << 22,
    Rule155 = 1u << 23,
    /// <summary>A market centre's official closing price, re-published: not a new execution.</summary>
    OfficialClose = 1u << 24,
    PriorReferencePrice = 1u << 25,
    /// <summary>A market centre's official opening price, re-published: not a new execution.</summary>
    OfficialOpen = 1u << 26,
    CapElection = 1u << 27,
    AutoExecution = 1u << 28,
    /// <summary>Exempt from the Reg NMS trade-through rule (Rule 611).</summary>
    TradeThroughExempt = 1u << 29,
    Undocumented = 1u << 30,
    OddLot = 1u << 31,
}
