using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Lean;

/// <summary>A trade from a LEAN tick file, with the fields the <see cref="Trade"/> event has no place for.</summary>
/// <param name="Exchange">The reporting exchange's one-letter code (P = NYSE Arca, D = FINRA ADF/TRF, Q = Nasdaq, ...).</param>
/// <param name="Suspicious">LEAN's suspicious flag: the vendor thinks the price is bad (see <see cref="Eligibility"/>).</param>
public readonly record struct LeanTradeTick(Trade Trade, char Exchange, bool Suspicious)
{
    /// <summary>
    /// How a bar builder should take this trade under <paramref name="filter"/>, with LEAN's rule for suspicious
    /// ticks on top: their volume is counted but their price is not (LEAN documentation, US Equity, Data
    /// Preparation, "Bar Building").
    /// </summary>
    public TradeEligibility Eligibility(SaleConditionFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        TradeEligibility byConditions = filter.Classify(Trade.Conditions);
        return Suspicious && byConditions == TradeEligibility.Counted ? TradeEligibility.VolumeOnly : byConditions;
    }
}

/// <summary>A quote from a LEAN tick file.</summary>
/// <param name="Quote">
/// The quote. LEAN writes 0 price and 0 size for a side the row does not update, and the reader keeps that:
/// here a zero side means "not updated by this row", not "empty book side".
/// </param>
/// <param name="Exchange">The quoting exchange's one-letter code.</param>
/// <param name="Condition">The quote condition flags (hex in the file).</param>
/// <param name="Suspicious">LEAN's suspicious flag.</param>
public readonly record struct LeanQuoteTick(Quote Quote, char Exchange, uint Condition, bool Suspicious);
