using FlowSense.MarketData.Events;

namespace FlowSense.MarketData.OrderBook;

/// <summary>An order resting in an <see cref="L3Book"/>, as read back by callers.</summary>
/// <param name="OrderId">The venue's id, or a negative synthetic id for seeded liquidity.</param>
/// <param name="IsSeeded">
/// True for the one aggregate order per level that <see cref="LevelBook.LoadSnapshot"/> creates: it stands for all
/// the (unknown) orders that rested at that price when the snapshot was taken.
/// </param>
public readonly record struct RestingOrder(long OrderId, Side Side, long Price, long Size, bool IsSeeded);
