using FlowSense.Feeds.Replay;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// An event made a symbol's state throw. The event is quarantined (see <see cref="SymbolEntry.QuarantinedEvents"/>)
/// and the symbol actor fails with this, so its shard restarts it with a fresh state.
/// </summary>
public sealed class PoisonedEventException(MarketEvent poisoned, Exception cause)
    : Exception($"{poisoned} made the symbol state throw: {cause.Message}", cause)
{
    public MarketEvent Event { get; } = poisoned;
}
