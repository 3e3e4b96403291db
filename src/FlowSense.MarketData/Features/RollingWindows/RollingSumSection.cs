using FlowSense.MarketData.Checkpoints;

namespace FlowSense.MarketData.Features.RollingWindows;

/// <summary>
/// The checkpoint section of one rolling sum (version 1): window length, count, ring position, adds since the exact
/// sum, the sum's bits, then the ring's values in storage order. Written by <see cref="RollingSum{T}"/> and, one
/// section per column, by <see cref="RollingColumns"/>, whose columns are each read as a separate ring would be.
/// Values are 64-bit patterns (a long itself, a double's IEEE bits), taken from every <paramref name="stride"/>-th slot.
/// </summary>
internal static class RollingSumSection
{
    private const byte Version = 1;

    /// <summary>Writes one section from the first <see cref="RollingPosition.Count"/> slots of <paramref name="values"/> (every <paramref name="stride"/>-th).</summary>
    public static void Write(
        ref CheckpointWriter writer, CheckpointSection tag, int capacity, RollingPosition position, long sumBits, ReadOnlySpan<long> values, int stride)
    {
        writer.BeginSection(tag, Version);
        writer.WriteInt64(capacity);
        writer.WriteInt32(position.Count);
        writer.WriteInt32(position.Next);
        writer.WriteInt32(position.AddsSinceExactSum);
        writer.WriteInt64(sumBits);
        for (int i = 0; i < position.Count; i++)
            writer.WriteInt64(values[i * stride]);
        writer.EndSection();
    }

    /// <summary>
    /// Reads one section into every <paramref name="stride"/>-th slot of <paramref name="values"/> (the caller has
    /// cleared them), checking the window length and a consistent position.
    /// </summary>
    public static RollingPosition Read(
        ref CheckpointReader reader, CheckpointSection tag, int capacity, out long sumBits, Span<long> values, int stride)
    {
        reader.BeginSection(tag, Version);
        reader.ReadExpected(capacity, "the window length");
        int count = reader.ReadCount(capacity, "the value count");
        int next = reader.ReadCount(capacity - 1, "the ring position");
        int adds = reader.ReadCount(capacity, "the adds since the exact sum");
        if (count < capacity && next != count)
            throw reader.Corrupt($"a window holding {count} values has its next slot at {next}");
        sumBits = reader.ReadInt64();
        for (int i = 0; i < count; i++)
            values[i * stride] = reader.ReadInt64();
        reader.EndSection();
        return new RollingPosition(count, next, adds);
    }
}

/// <summary>Where a rolling sum's ring stands: values held, the next slot, adds since the sum was last recomputed.</summary>
internal readonly record struct RollingPosition(int Count, int Next, int AddsSinceExactSum);
