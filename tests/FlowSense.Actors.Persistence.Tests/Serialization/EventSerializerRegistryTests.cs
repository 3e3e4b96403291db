using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using FlowSense.Actors.Persistence.Serialization;

namespace FlowSense.Actors.Persistence.Tests.Serialization;

/// <summary>
/// Schema evolution, worked through on a trade event: v1 stored price and size; v2 adds the aggressor side.
/// Code that now writes v2 must still recover journals written by v1.
/// </summary>
public sealed class EventSerializerRegistryTests
{
    internal sealed record TradeV1(long Price, long Size);

    internal sealed record TradeRecorded(long Price, long Size, byte Aggressor);

    internal sealed record BookCleared(string Reason);

    private sealed class TradeV1Serializer : IEventSerializer<TradeV1>
    {
        public string Manifest => "trade.v1";

        public void Write(TradeV1 value, IBufferWriter<byte> output)
        {
            Span<byte> span = output.GetSpan(16);
            BinaryPrimitives.WriteInt64LittleEndian(span, value.Price);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], value.Size);
            output.Advance(16);
        }

        public TradeV1 Read(ReadOnlySpan<byte> payload) =>
            new(BinaryPrimitives.ReadInt64LittleEndian(payload), BinaryPrimitives.ReadInt64LittleEndian(payload[8..]));
    }

    private sealed class TradeV2Serializer : IEventSerializer<TradeRecorded>
    {
        public string Manifest => "trade.v2";

        public void Write(TradeRecorded value, IBufferWriter<byte> output)
        {
            Span<byte> span = output.GetSpan(17);
            BinaryPrimitives.WriteInt64LittleEndian(span, value.Price);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], value.Size);
            span[16] = value.Aggressor;
            output.Advance(17);
        }

        public TradeRecorded Read(ReadOnlySpan<byte> payload) =>
            new(BinaryPrimitives.ReadInt64LittleEndian(payload), BinaryPrimitives.ReadInt64LittleEndian(payload[8..]), payload[16]);
    }

    private sealed class BookClearedSerializer : IEventSerializer<BookCleared>
    {
        public string Manifest => "book-cleared.v1";

        public void Write(BookCleared value, IBufferWriter<byte> output) => output.Write(Encoding.UTF8.GetBytes(value.Reason));

        public BookCleared Read(ReadOnlySpan<byte> payload) => new(Encoding.UTF8.GetString(payload));
    }

    private static EventSerializerRegistry CurrentRegistry() => new EventSerializerRegistry()
        .Register(new TradeV2Serializer())
        .RegisterUpcaster(new TradeV1Serializer(), (TradeV1 old) => new TradeRecorded(old.Price, old.Size, Aggressor: 0))
        .Register(new BookClearedSerializer());

    [Fact]
    public void Events_round_trip_under_their_current_manifest()
    {
        EventSerializerRegistry registry = CurrentRegistry();

        SerializedEvent trade = registry.Serialize(new TradeRecorded(1_234_500, 300, 1));
        SerializedEvent cleared = registry.Serialize(new BookCleared("venue reset"));

        Assert.Equal("trade.v2", trade.Manifest);
        Assert.Equal(17, trade.Payload.Length);
        Assert.Equal(new TradeRecorded(1_234_500, 300, 1), registry.Deserialize(trade.Manifest, trade.Payload));
        Assert.Equal(new BookCleared("venue reset"), registry.Deserialize(cleared.Manifest, cleared.Payload));
        Assert.Equal("book-cleared.v1", registry.ManifestOf(typeof(BookCleared)));
    }

    [Fact]
    public void A_v1_payload_written_by_the_old_code_is_read_by_the_new_code_as_the_current_type()
    {
        // What the old build stored: the v1 layout, under the v1 manifest.
        SerializedEvent stored = new EventSerializerRegistry().Register(new TradeV1Serializer()).Serialize(new TradeV1(99_000, 5));
        Assert.Equal("trade.v1", stored.Manifest);
        Assert.Equal(16, stored.Payload.Length);

        object recovered = CurrentRegistry().Deserialize(stored.Manifest, stored.Payload);

        Assert.Equal(new TradeRecorded(99_000, 5, Aggressor: 0), recovered);
    }

    [Fact]
    public void An_unknown_manifest_fails_with_the_known_ones_and_what_to_do()
    {
        var ex = Assert.Throws<UnknownManifestException>(() => CurrentRegistry().Deserialize("trade.v3", [1, 2, 3]));

        Assert.Equal("trade.v3", ex.Manifest);
        Assert.Contains("known: book-cleared.v1, trade.v1, trade.v2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unregistered_type_cannot_be_written()
    {
        var ex = Assert.Throws<ArgumentException>(() => CurrentRegistry().Serialize("a string"));

        Assert.Contains("System.String", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trade")]
    [InlineData("Trade.v1")]
    [InlineData("trade.v0")]
    [InlineData("trade v1")]
    [InlineData("")]
    public void Manifests_must_be_lower_case_name_dot_version(string manifest)
    {
        var serializer = new ManifestOnly(manifest);

        Assert.Throws<ArgumentException>(() => new EventSerializerRegistry().Register(serializer));
    }

    [Fact]
    public void A_type_has_one_writer_and_a_manifest_one_reader()
    {
        Assert.Throws<ArgumentException>(() => CurrentRegistry().Register(new TradeV2Serializer()));
        Assert.Throws<ArgumentException>(() => CurrentRegistry().RegisterUpcaster(new TradeV1Serializer(), (TradeV1 old) => old));
    }

    private sealed class ManifestOnly(string manifest) : IEventSerializer<BookCleared>
    {
        public string Manifest => manifest;

        public void Write(BookCleared value, IBufferWriter<byte> output) => throw new InvalidOperationException("never written");

        public BookCleared Read(ReadOnlySpan<byte> payload) => throw new InvalidOperationException("never read");
    }
}
