namespace FlowSense.MarketData.Features.Microprice;

/// <summary>
/// A fitted Stoikov micro-price adjustment g*(I, S) (see <see cref="MicropriceEstimator"/>), applied per quote in O(1):
/// micro-price = mid + g*·tick, raw price units. NaN for a book outside the model (one-sided, crossed, locked,
/// off the tick grid or wider than k ticks).
/// </summary>
public sealed class MicropriceTable
{
    private readonly long _tickSize;
    private readonly int _buckets;
    private readonly int _spreads;
    private readonly double[] _adjustments;

    internal MicropriceTable(long tickSize, int buckets, int spreads, double[] adjustments)
    {
        _tickSize = tickSize;
        _buckets = buckets;
        _spreads = spreads;
        _adjustments = adjustments;
    }

    public int ImbalanceBuckets => _buckets;

    public int MaxSpreadTicks => _spreads;

    /// <summary>g* in ticks for imbalance bucket <paramref name="bucket"/> (0 = most ask-heavy) and spread in ticks.</summary>
    public double AdjustmentTicks(int bucket, int spreadTicks) => _adjustments[bucket * _spreads + spreadTicks - 1];

    /// <summary>The estimated micro-price of <paramref name="book"/>.</summary>
    public double Of(in TopOfBook book)
    {
        int state = StateOf(book, _tickSize, _buckets, _spreads);
        return state < 0 ? double.NaN : book.Mid + _adjustments[state] * _tickSize;
    }

    internal static int StateOf(in TopOfBook book, long tickSize, int buckets, int spreads)
    {
        if (!book.IsTwoSided || book.AskPrice <= book.BidPrice)
            return -1;
        long spread = book.AskPrice - book.BidPrice;
        if (book.BidPrice % tickSize != 0 || spread % tickSize != 0 || spread / tickSize > spreads)
            return -1;
        double imbalance = book.BidSize / ((double)book.BidSize + book.AskSize);
        int bucket = Math.Min((int)(imbalance * buckets), buckets - 1);
        return bucket * spreads + (int)(spread / tickSize) - 1;
    }
}
