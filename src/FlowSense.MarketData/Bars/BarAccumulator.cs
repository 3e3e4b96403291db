namespace FlowSense.MarketData.Bars;

/// <summary>
/// The running state of one open bar. Volume-only trades feed volume, notional and count; they set prices only
/// when the bar ends with no counted trade at all, so a bar never reports volume without prices.
/// </summary>
internal struct BarAccumulator
{
    private long _open, _high, _low, _close;
    private long _fallbackOpen, _fallbackHigh, _fallbackLow, _fallbackClose;
    private bool _hasPrice;

    public long FirstTimeNs { get; private set; }

    public long LastTimeNs { get; private set; }

    public long Volume { get; private set; }

    public Int128 Notional { get; private set; }

    public int TradeCount { get; private set; }

    public readonly bool IsEmpty => TradeCount == 0;

    public void Add(long price, long size, long timeNs, TradeEligibility eligibility)
    {
        if (TradeCount == 0)
        {
            FirstTimeNs = timeNs;
            _fallbackOpen = _fallbackHigh = _fallbackLow = price;
        }
        LastTimeNs = timeNs;
        TradeCount++;
        Volume += size;
        Notional += (Int128)price * size;
        _fallbackClose = price;
        _fallbackHigh = Math.Max(_fallbackHigh, price);
        _fallbackLow = Math.Min(_fallbackLow, price);
        if (eligibility != TradeEligibility.Counted)
            return;
        if (!_hasPrice)
        {
            _hasPrice = true;
            _open = _high = _low = price;
        }
        _close = price;
        _high = Math.Max(_high, price);
        _low = Math.Min(_low, price);
    }

    public readonly Bar ToBar(long startTimeNs, long endTimeNs) => _hasPrice
        ? new Bar(startTimeNs, endTimeNs, _open, _high, _low, _close, Volume, Notional, TradeCount)
        : new Bar(startTimeNs, endTimeNs, _fallbackOpen, _fallbackHigh, _fallbackLow, _fallbackClose, Volume, Notional, TradeCount);

    public void Clear() => this = default;
}
