using System.Buffers;
using FlowSense.MarketData.Checkpoints;
using FlowSense.Pipeline.Symbols;

namespace FlowSense.Pipeline.Snapshots;

/// <summary>
/// The bytes a symbol actor stores as its snapshot: one checkpoint (<see cref="CheckpointFormat"/>) holding a header
/// section — the entity id, the input positions and the health counters — then the <see cref="SymbolState"/>. The
/// header comes first so the node can read a symbol's positions (<see cref="ReadPositions"/>) without building its
/// state.
/// </summary>
public static class SymbolSnapshot
{
    /// <summary>The snapshot store's manifest for these bytes; the sections carry their own versions.</summary>
    public const string Manifest = "flowsense.symbol-state";

    private const byte HeaderVersion = 1;
    private const int MaxEntityIdBytes = 1024;

    /// <summary>Writes the snapshot of <paramref name="entityId"/>.</summary>
    public static byte[] Write(string entityId, SymbolState state, InputPositions positions, SymbolCounters counters)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(counters);
        var output = new ArrayBufferWriter<byte>(4096);
        var writer = new CheckpointWriter(output);
        writer.BeginSection(SymbolSections.Header, HeaderVersion);
        CheckpointText.Write(ref writer, entityId);
        positions.WriteCheckpoint(ref writer);
        counters.WriteCheckpoint(ref writer);
        writer.EndSection();
        state.WriteCheckpoint(ref writer);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Restores a snapshot of <paramref name="entityId"/> into a freshly built state and the symbol's positions; the
    /// counters too when <paramref name="counters"/> is given (only once the whole snapshot has restored). On a
    /// <see cref="CheckpointException"/> the state and positions are undefined and must be discarded.
    /// </summary>
    public static void Restore(ReadOnlySpan<byte> snapshot, string entityId, SymbolState state, InputPositions positions, SymbolCounters? counters)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(positions);
        var reader = new CheckpointReader(snapshot);
        SymbolCounters? restored = counters is null ? null : new SymbolCounters();
        ReadHeader(ref reader, entityId, positions, restored);
        state.RestoreCheckpoint(ref reader);
        reader.Complete();
        if (restored is not null)
            counters!.CopyFrom(restored);
    }

    /// <summary>The input positions recorded in a snapshot of <paramref name="entityId"/>, without restoring its state.</summary>
    public static InputPositions ReadPositions(ReadOnlySpan<byte> snapshot, string entityId)
    {
        var positions = new InputPositions();
        var reader = new CheckpointReader(snapshot);
        ReadHeader(ref reader, entityId, positions, null);
        return positions;
    }

    /// <summary>
    /// The part of a snapshot of <paramref name="entityId"/> that holds the market state (book, features, bars,
    /// indicators, sequences), without the header: two runs that applied the same events have equal state bytes, however
    /// their counters and positions were reached.
    /// </summary>
    public static ReadOnlyMemory<byte> StateBytes(ReadOnlyMemory<byte> snapshot, string entityId)
    {
        var reader = new CheckpointReader(snapshot.Span);
        ReadHeader(ref reader, entityId, new InputPositions(), null);
        return snapshot[reader.Position..];
    }

    private static void ReadHeader(ref CheckpointReader reader, string entityId, InputPositions positions, SymbolCounters? counters)
    {
        reader.BeginSection(SymbolSections.Header, HeaderVersion);
        string stored = CheckpointText.Read(ref reader, MaxEntityIdBytes, "entity id length");
        if (!string.Equals(stored, entityId, StringComparison.Ordinal))
            throw reader.Corrupt($"the snapshot is of '{stored}', not of '{entityId}'");
        positions.RestoreCheckpoint(ref reader);
        if (counters is not null)
            counters.RestoreCheckpoint(ref reader);
        else
            new SymbolCounters().RestoreCheckpoint(ref reader); // read past them
        reader.EndSection();
    }
}
