using System.Runtime.CompilerServices;

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Between(in TopOfBook previous, in TopOfBook current)
    {
        // Written as selects rather than branches: price moves are unpredictable, and the JIT emits cmov for these.
        return (current.BidPrice >= previous.BidPrice ? current.BidSize : 0)
            - (current.BidPrice <= previous.BidPrice ? previous.BidSize : 0)
            - (current.AskPrice <= previous.AskPrice ? current.AskSize : 0)
            + (current.AskPrice >= previous.AskPrice ? previous.AskSize : 0);
    }
}
