namespace FlowSense.MarketData.Features.Imbalance;

/// <summary>
/// Queue (depth) imbalance (Vb − Va) / (Vb + Va): the share of resting depth on the bid minus that on the ask,
/// dimensionless in [−1, 1]; +1 when only bids rest. Stateless: no window, no warm-up. Undefined (NaN) when
/// both sides are empty. Not to be confused with order-flow imbalance (<see cref="Ofi.OrderFlowImbalance"/>),
/// which measures changes of depth, not its level.
/// </summary>
public static class DepthImbalance
{
    /// <summary>At the best level: Vb = qb, Va = qa.</summary>
    public static double AtBest(in TopOfBook book) => Of(book.BidSize, book.AskSize);

    /// <summary>Over the best <paramref name="levels"/> levels of each side (fewer where a side is shallower).</summary>
    public static double OverLevels(in LevelView view, int levels)
    {
        long bid = SumOfFirst(view.BidSizes, levels);
        long ask = SumOfFirst(view.AskSizes, levels);
        return Of(bid, ask);
    }

    /// <summary>(Vb − Va) / (Vb + Va) for given depths; NaN when both are 0.</summary>
    public static double Of(long bidDepth, long askDepth)
    {
        long total = bidDepth + askDepth;
        return total == 0 ? double.NaN : (bidDepth - askDepth) / (double)total;
    }

    private static long SumOfFirst(ReadOnlySpan<long> sizes, int count)
    {
        if (count < sizes.Length)
            sizes = sizes[..count];
        long sum = 0;
        foreach (long size in sizes)
            sum += size;
        return sum;
    }
}
