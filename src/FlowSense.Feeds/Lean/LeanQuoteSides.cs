using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Lean;

/// <summary>
/// Turns LEAN quote rows into whole top-of-book quotes. LEAN writes 0 price and 0 size for a side a row does not
/// update, and its own quote consolidators keep that side's previous value; a book fed the raw row would instead
/// empty the side (IBM 2013-10-07 would show no bid for most of the day). One instance per instrument and day.
/// </summary>
public sealed class LeanQuoteSides
{
    private long _bidPrice, _bidSize, _askPrice, _askSize;

    /// <summary>The quote with each side the row left out carried forward from the last row that set it.</summary>
    public Quote Complete(in Quote row)
    {
        if (row.BidPrice != 0 || row.BidSize != 0)
            (_bidPrice, _bidSize) = (row.BidPrice, row.BidSize);
        if (row.AskPrice != 0 || row.AskSize != 0)
            (_askPrice, _askSize) = (row.AskPrice, row.AskSize);
        return row with { BidPrice = _bidPrice, BidSize = _bidSize, AskPrice = _askPrice, AskSize = _askSize };
    }
}
