using FlowSense.Actors.Persistence.Snapshots;
using FlowSense.MarketData.Instruments;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// Asks a symbol actor (through the shard region, in a <see cref="Actors.Cluster.Sharding.ShardEnvelope"/>) to store
/// its state now; it answers <see cref="SymbolSnapshotSaved"/> once the snapshot is stored (at once when nothing
/// changed since the last one), or <see cref="SymbolSnapshotFailed"/>.
/// </summary>
public sealed class SaveSymbolSnapshot
{
    private SaveSymbolSnapshot()
    {
    }

    public static SaveSymbolSnapshot Instance { get; } = new();
}

/// <summary>The symbol's state up to <paramref name="Metadata"/>'s sequence number (events processed) is stored.</summary>
public sealed record SymbolSnapshotSaved(InstrumentId Instrument, SnapshotMetadata Metadata);

/// <summary>The snapshot could not be stored.</summary>
public sealed record SymbolSnapshotFailed(InstrumentId Instrument, Exception Cause);
