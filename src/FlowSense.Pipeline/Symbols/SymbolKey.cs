using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Symbols;

/// <summary>
/// The entity id of an instrument's symbol actor: <c>VENUE:SYMBOL</c>, for example <c>LOBSTER:AAPL</c>. The shard
/// is the stable hash of this text (see <c>ShardId</c>), so the same instrument lands in the same shard everywhere.
/// </summary>
public static class SymbolKey
{
    /// <summary>The entity id of <paramref name="instrument"/>.</summary>
    public static string EntityId(InstrumentId instrument) => instrument.ToString();

    /// <summary>The instrument an entity id names; false for text that is not <c>VENUE:SYMBOL</c>.</summary>
    public static bool TryParse(string entityId, out InstrumentId instrument)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        int colon = entityId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == entityId.Length - 1)
        {
            instrument = default;
            return false;
        }
        instrument = new InstrumentId(entityId[..colon], entityId[(colon + 1)..]);
        return true;
    }
}
