using System.Runtime.CompilerServices;

namespace FlowSense.MarketData.Features.Ofi;

/// <summary>
/// The order-flow contribution e_n of one change of the best quotes, after Cont, Kukanov &amp; Stoikov (2014),
/// "The price impact of order book events", eq. (2):
/// e_n = 1{Pb_n ≥ Pb_n−1}·qb_n − 1{Pb_n ≤ Pb_n−1}·qb_n−1 − 1{Pa_n ≤ Pa_n−1}·qa_n + 1{Pa_n ≥ Pa_n−1}·qa_n−1.
/// In raw size units (shares), not normalised. Positive e_n is buying pressure: bid depth added or ask depth removed.
/// <para>An empty side (size 0) has no price, whatever the feed puts there (0, or LOBSTER's dummy ±9999999999):
/// <see cref="AsQueues"/> reads an empty bid as priced at −∞ and an empty ask at +∞, so a queue that empties counts
/// as its depth removed and one that appears as its depth added. The calculators apply it to every state.</para>
/// </summary>
public static class OrderFlowEvent
{
    /// <summary>The state with each empty side's price set to −∞ (bid) or +∞ (ask), as e_n needs it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TopOfBook AsQueues(in TopOfBook book) => new(
        book.BidSize == 0 ? long.MinValue : book.BidPrice, book.BidSize,
        book.AskSize == 0 ? long.MaxValue : book.AskPrice, book.AskSize);

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
