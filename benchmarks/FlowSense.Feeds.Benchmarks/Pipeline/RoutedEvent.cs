using FlowSense.Feeds.Replay;

namespace FlowSense.Feeds.Benchmarks.Pipeline;

/// <summary>An event with the partition the map stage chose for it (the symbol's hash, modulo the partition count).</summary>
internal readonly record struct RoutedEvent(int Partition, MarketEvent Event);
