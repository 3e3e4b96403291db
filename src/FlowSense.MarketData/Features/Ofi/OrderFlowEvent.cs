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
    public static long Between(in TopOfBook previous, in TopOfBook current) =>
        BidFlow(previous.BidPrice, previous.BidSize, current.BidPrice, current.BidSize)
        + AskFlow(previous.AskPrice, previous.AskSize, current.AskPrice, current.AskSize);

    /// <summary>The bid's part of e_n: 1{Pb_n ≥ Pb_n−1}·qb_n − 1{Pb_n ≤ Pb_n−1}·qb_n−1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long BidFlow(long previousPrice, long previousSize, long price, long size) =>
        Indicator(price >= previousPrice) * size - Indicator(price <= previousPrice) * previousSize;

    /// <summary>The ask's part of e_n: −1{Pa_n ≤ Pa_n−1}·qa_n + 1{Pa_n ≥ Pa_n−1}·qa_n−1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long AskFlow(long previousPrice, long previousSize, long price, long size) =>
        Indicator(price >= previousPrice) * previousSize - Indicator(price <= previousPrice) * size;

    /// <summary>
    /// 1{condition} as 0 or 1 without a branch (a setcc): when the book shifts, every level's price moves and
    /// branches on price comparisons would be mispredicted about half the time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Indicator(bool condition) => Unsafe.BitCast<bool, byte>(condition);
}
