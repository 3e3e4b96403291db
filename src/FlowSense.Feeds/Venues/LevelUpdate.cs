using FlowSense.MarketData.Events;

namespace FlowSense.Feeds.Venues;

/// <summary>One price level as a venue message states it: the new total size at a price (0 removes the level).</summary>
public readonly record struct LevelUpdate(Side Side, long Price, long Size);
