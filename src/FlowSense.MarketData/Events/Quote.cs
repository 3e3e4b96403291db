namespace FlowSense.MarketData.Events;

/// <summary>Top of book (L1). A size of 0 means the side is empty.</summary>
public readonly record struct Quote(EventHeader Header, long BidPrice, long BidSize, long AskPrice, long AskSize);
