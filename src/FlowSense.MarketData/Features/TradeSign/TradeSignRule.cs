namespace FlowSense.MarketData.Features.TradeSign;

/// <summary>Which rule decided a trade's sign.</summary>
public enum TradeSignRule : byte
{
    /// <summary>No rule could decide: no aggressor, at the mid (or no quote), and no earlier price change.</summary>
    Unclassified = 0,
    /// <summary>The feed's aggressor side.</summary>
    Aggressor = 1,
    /// <summary>Lee–Ready quote test: above the mid is a buy, below is a sell.</summary>
    Quote = 2,
    /// <summary>Lee–Ready tick test, at the mid or without a quote.</summary>
    Tick = 3,
}
