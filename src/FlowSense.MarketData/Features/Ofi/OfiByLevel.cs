using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace FlowSense.MarketData.Features.Ofi;

/// <summary>
/// Multi-level OFI as published: one value per level, level 1 first, raw size units. A fixed-size value (at most
/// <see cref="MaxLevels"/>, the paper's M = 10), so a <see cref="FeatureSnapshot"/> that carries it allocates nothing;
/// levels configured past it are computed but not published. Empty (<see cref="Count"/> 0) before the first event.
/// </summary>
public readonly struct OfiByLevel : IEquatable<OfiByLevel>
{
    /// <summary>The most levels a value holds.</summary>
    public const int MaxLevels = 10;

    private readonly Levels _levels;

    private OfiByLevel(in Levels levels, int count)
    {
        _levels = levels;
        Count = count;
    }

    /// <summary>The first <see cref="MaxLevels"/> of <paramref name="levels"/> (index 0 is level 1).</summary>
    public static OfiByLevel From(ReadOnlySpan<long> levels)
    {
        int count = Math.Min(levels.Length, MaxLevels);
        Levels copy = default;
        levels[..count].CopyTo(copy);
        return new OfiByLevel(copy, count);
    }

    /// <summary>The levels held.</summary>
    public int Count { get; }

    /// <summary>The value at 0-based <paramref name="index"/> (level index + 1).</summary>
    public long this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The value holds {Count} levels: index 0 to {Count - 1}.");
            return _levels[index];
        }
    }

    /// <summary>Copies the levels held to the start of <paramref name="destination"/> and returns how many.</summary>
    public int CopyTo(Span<long> destination)
    {
        Held.CopyTo(destination);
        return Count;
    }

    public long[] ToArray() => Held.ToArray();

    public bool Equals(OfiByLevel other) => Held.SequenceEqual(other.Held);

    public override bool Equals(object? obj) => obj is OfiByLevel other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Count);
        foreach (long value in Held)
            hash.Add(value);
        return hash.ToHashCode();
    }

    public static bool operator ==(OfiByLevel left, OfiByLevel right) => left.Equals(right);

    public static bool operator !=(OfiByLevel left, OfiByLevel right) => !left.Equals(right);

    public override string ToString() => $"[{string.Join(", ", ToArray())}]";

    [UnscopedRef]
    private ReadOnlySpan<long> Held => ((ReadOnlySpan<long>)_levels)[..Count];

    [InlineArray(MaxLevels)]
    private struct Levels
    {
        private long _level;
    }
}
