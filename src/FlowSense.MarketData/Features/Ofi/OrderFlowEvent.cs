namespace FlowSense.MarketData.Features.Ofi;

/// <summary>
/// The order-flow contribution e_n of one change of the best quotes, after Cont, Kukanov &amp; Stoikov (2014),
/// "The price impact of order book events", eq. (2):
/// e_n = 1{Pb_n ≥ Pb_n−1}·qb_n − 1{Pb_n ≤ Pb_n−1}·qb_n−1 − 1{Pa_n ≤ Pa_n−1}·qa_n + 1{Pa_n ≥ Pa_n−1}·qa_n−1.
/// In raw size units (shares), not normalised. Positive e_n is buying pressure: bid depth added or ask depth removed.
/// </summary>
public static class OrderFlowEvent
{
    /// <summary>e_n between two consecutive states of the same level (level 1 for OFI, level m for multi-level OFI).</summary>
    public static long Between(in TopOfBook previous, in TopOfBook current)
    {
        long e = 0;
        if (current.BidPrice >= previous.BidPrice)
            e += current.BidSize;
        if (current.BidPrice <= previous.BidPrice)
            e -= previous.BidSize;
        if (current.AskPrice <= previous.AskPrice)
            e -= current.AskSize;
        if (current.AskPrice >= previous.AskPrice)
            e += previous.AskSize;
        return e;
    }
}
