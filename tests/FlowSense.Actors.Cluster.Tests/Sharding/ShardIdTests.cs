using FlowSense.Actors.Cluster.Sharding;

namespace FlowSense.Actors.Cluster.Tests.Sharding;

public sealed class ShardIdTests
{
    [Theory]
    // FNV-1a 32-bit reference vectors (Fowler–Noll–Vo test suite): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Hash_is_FNV_1a_32_over_UTF8(string text, uint expected) => Assert.Equal(expected, ShardId.Fnv1a(text));

    [Theory]
    // Pinned (computed outside .NET with a Python FNV-1a over UTF-8): changing any of these would move entities
    // between shards, which a running cluster cannot tolerate.
    [InlineData("NASDAQ:AAPL", 0xb34016b7u, 183)]
    [InlineData("BINANCE:BTC-USDT", 0x68b55a13u, 19)]
    [InlineData("VENUE:Zürich", 0xc8f496f1u, 241)]
    public void Shard_ids_are_pinned(string entityId, uint hash, int shard)
    {
        Assert.Equal(hash, ShardId.Fnv1a(entityId));
        Assert.Equal(new ShardId(shard), ShardId.Of(entityId, 256));
    }

    [Fact]
    public void Every_id_falls_in_range_for_any_shard_count()
    {
        foreach (int shards in new[] { 1, 7, 256, 1000 })
        {
            for (int i = 0; i < 500; i++)
                Assert.InRange(ShardId.Of("S" + i, shards).Value, 0, shards - 1);
        }
    }

    [Fact]
    public void Non_ASCII_ids_hash_their_UTF8_bytes()
    {
        // "é" is C3 A9 in UTF-8: hashing the two bytes by hand gives the same value.
        uint hash = 2166136261;
        foreach (byte b in new byte[] { 0xC3, 0xA9 })
            hash = (hash ^ b) * 16777619;
        Assert.Equal(hash, ShardId.Fnv1a("é"));
    }
}
