using System.Text;

namespace FlowSense.Actors.Cluster.Sharding;

/// <summary>
/// The shard an entity belongs to: <c>FNV-1a-32(UTF-8 bytes of the entity id) mod N</c>. Stable across processes,
/// machines and .NET versions (unlike <see cref="string.GetHashCode()"/>, which is randomised per process), so every
/// node of a cluster, and every restart of one, puts an entity in the same shard. N is fixed when a cluster is
/// created: changing it moves almost every entity.
/// </summary>
/// <remarks>
/// FNV-1a (Fowler, Noll, Vo): offset basis 2166136261, prime 16777619, 32 bits, over the UTF-8 encoding, so the
/// value does not depend on how a runtime stores strings. Pinned values are in the tests.
/// </remarks>
public readonly record struct ShardId(int Value) : IComparable<ShardId>
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The shard of <paramref name="entityId"/> among <paramref name="shardCount"/> shards.</summary>
    public static ShardId Of(string entityId, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return new ShardId((int)(Fnv1a(entityId) % (uint)shardCount));
    }

    /// <summary>The 32-bit FNV-1a hash of the UTF-8 encoding of <paramref name="text"/>; allocation-free.</summary>
    public static uint Fnv1a(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        uint hash = OffsetBasis;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in text.EnumerateRunes())
        {
            int length = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < length; i++)
                hash = (hash ^ utf8[i]) * Prime;
        }
        return hash;
    }

    public int CompareTo(ShardId other) => Value.CompareTo(other.Value);

    public static bool operator <(ShardId left, ShardId right) => left.Value < right.Value;

    public static bool operator >(ShardId left, ShardId right) => left.Value > right.Value;

    public static bool operator <=(ShardId left, ShardId right) => left.Value <= right.Value;

    public static bool operator >=(ShardId left, ShardId right) => left.Value >= right.Value;

    /// <summary>The decimal value: also the shard actor's name, <c>/user/shards/&lt;value&gt;</c>.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
