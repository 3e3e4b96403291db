namespace FlowSense.Feeds.Binance;

/// <summary>Counts of what the Binance codec decoded, by message type.</summary>
public sealed class BinanceStats
{
    public long DepthDiffs { get; internal set; }
    public long BookTickers { get; internal set; }
    public long Trades { get; internal set; }
    public long AggTrades { get; internal set; }
    public long Snapshots { get; internal set; }
    public long Klines { get; internal set; }
}
