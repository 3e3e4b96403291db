namespace FlowSense.MarketData.Instruments;

/// <summary>A tradable instrument on one venue, for example <c>BINANCE:BTC-USDT</c> or <c>NASDAQ:AAPL</c>.</summary>
public readonly record struct InstrumentId(string Venue, string Symbol)
{
    public override string ToString() => $"{Venue}:{Symbol}";
}
