namespace FlowSense.Feeds.Coinbase;

/// <summary>Counts of what the Coinbase codec decoded, by message type.</summary>
public sealed class CoinbaseStats
{
    public long Snapshots { get; internal set; }
    public long L2Updates { get; internal set; }
    /// <summary>l2updates for a product that has had no snapshot yet: they cannot be applied and are dropped.</summary>
    public long UpdatesWithoutSnapshot { get; internal set; }
    public long Matches { get; internal set; }
    /// <summary><c>last_match</c>: the product's latest trade before we subscribed, sent once per subscription.</summary>
    public long LastMatches { get; internal set; }
    public long Tickers { get; internal set; }
    /// <summary>Tickers without best_bid_size/best_ask_size (the 2021 feed): no <see cref="MarketData.Events.Quote"/> can be made of them.</summary>
    public long TickersWithoutSizes { get; internal set; }
}
