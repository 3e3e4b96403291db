namespace FlowSense.MarketData.Events;

/// <summary>The side of the book a resting order or price level is on.</summary>
public enum Side : byte
{
    Bid = 1,
    Ask = 2,
}

/// <summary>Which side initiated a trade (took liquidity).</summary>
public enum Aggressor : byte
{
    Unknown = 0,
    Buyer = 1,
    Seller = 2,
}
