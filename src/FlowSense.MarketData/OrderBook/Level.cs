namespace FlowSense.MarketData.OrderBook;

/// <summary>
/// One aggregated price level: the price, the total resting size and the number of orders behind it.
/// The default value (price 0, size 0) stands for "no level".
/// </summary>
/// <param name="Price">Fixed-point raw price of the instrument.</param>
/// <param name="Size">Total resting size, fixed-point raw units; always positive for a real level.</param>
/// <param name="OrderCount">Orders at the level; 0 when the source does not know it (an L2 feed without counts).</param>
public readonly record struct Level(long Price, long Size, int OrderCount)
{
    /// <summary>True for the "no level" value returned where a side has fewer levels than asked for.</summary>
    public bool IsEmpty => Size == 0;
}
