namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The answer to any query or delivery for an entity id the <see cref="SymbolCatalog"/> does not know (so there is
/// no book type or scale to build a state with). Deliveries to it are acknowledged with every event rejected.
/// </summary>
public sealed record SymbolUnknown(string EntityId);
