using FlowSense.MarketData.Checkpoints;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// The checkpoint section tags of a symbol actor's own state, in the range <see cref="CheckpointSection"/> leaves to
/// other assemblies (0x1000 up). Stored in files: never renumber or reuse one.
/// </summary>
internal static class SymbolSections
{
    /// <summary>The snapshot's header: the entity, its input positions and counters (<see cref="SymbolSnapshot"/>).</summary>
    public const CheckpointSection Header = (CheckpointSection)0x1000;

    /// <summary><see cref="Symbols.SymbolState"/>: book, features, bars, bar history, indicators, sequences.</summary>
    public const CheckpointSection SymbolState = (CheckpointSection)0x1001;

    /// <summary>The closed-bar history of one time frame.</summary>
    public const CheckpointSection BarHistory = (CheckpointSection)0x1002;

    /// <summary>The indicators of one time frame.</summary>
    public const CheckpointSection IndicatorSet = (CheckpointSection)0x1003;

    /// <summary><see cref="Symbols.SequenceWatermarks"/>.</summary>
    public const CheckpointSection SequenceWatermarks = (CheckpointSection)0x1004;

    /// <summary><see cref="Symbols.SymbolCounters"/>.</summary>
    public const CheckpointSection Counters = (CheckpointSection)0x1005;

    /// <summary><see cref="InputPositions"/>.</summary>
    public const CheckpointSection InputPositions = (CheckpointSection)0x1006;
}
