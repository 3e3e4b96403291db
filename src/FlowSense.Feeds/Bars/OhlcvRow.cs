using FlowSense.MarketData.Indicators;

namespace FlowSense.Feeds.Bars;

/// <summary>One bar read from an OHLCV CSV: its symbol (null when the file has no symbol column) and the bar.</summary>
public readonly record struct OhlcvRow(long LineNumber, string? Symbol, OhlcvBar Bar);
