using FlowSense.Feeds.Itch;
using FlowSense.Testing;

namespace FlowSense.Feeds.Tests.Itch;

public class ItchFramingTests
{
    private static byte[] Delete(ulong reference) => new ItchBytes(ItchMessageType.OrderDelete).U64(11, reference).Frame();

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static (ItchStreamReader Reader, Quarantine.Quarantine Quarantine, List<ulong> Deletes, bool Completed) Read(Stream stream)
    {
        var quarantine = new Quarantine.Quarantine();
        var reader = new ItchStreamReader("itch:test", quarantine);
        var handler = new DeleteCollector { Deletes = [] };
        bool completed = reader.ReadAll(stream, ref handler);
        return (reader, quarantine, handler.Deletes, completed);
    }

    [Fact]
    public void An_unknown_type_is_skipped_by_its_length_counted_and_quarantined_with_its_offset()
    {
        byte[] unknown = [0, 4, (byte)'z', 1, 2, 3];
        var (reader, quarantine, deletes, completed) = Read(new MemoryStream(Concat(Delete(1), unknown, Delete(2))));

        Assert.True(completed);
        Assert.Equal([1ul, 2ul], deletes);
        Assert.Equal(1, reader.Stats.UnknownType);
        var input = Assert.Single(quarantine.Snapshot());
        Assert.Equal(("unknown-type", 21L), (input.Category, input.Position));
        Assert.Equal(unknown, input.Bytes);
    }

    [Fact]
    public void A_frame_shorter_than_its_type_is_rejected_and_reading_goes_on()
    {
        byte[] shortAdd = [0, 5, (byte)'A', 0, 0, 0, 0];
        var (reader, quarantine, deletes, completed) = Read(new MemoryStream(Concat(shortAdd, Delete(3))));

        Assert.True(completed);
        Assert.Equal([3ul], deletes);
        Assert.Equal(1, reader.Stats.Truncated);
        Assert.Equal(1, quarantine.CountsByCategory()["truncated"]);
    }

    [Fact]
    public void A_longer_frame_is_accepted_and_its_extra_bytes_ignored()
    {
        var longer = Concat([0, 21], new ItchBytes(ItchMessageType.OrderDelete).U64(11, 4).Message, [0xEE, 0xEE]);
        var (reader, _, deletes, completed) = Read(new MemoryStream(Concat(longer, Delete(5))));

        Assert.True(completed);
        Assert.Equal([4ul, 5ul], deletes);
        Assert.Equal(0, reader.Stats.Rejected);
    }

    [Fact]
    public void A_zero_length_unknown_type_stops_reading_and_says_so()
    {
        var (reader, quarantine, deletes, completed) = Read(new MemoryStream(Concat(Delete(6), [0, 0, (byte)'z', 9, 9])));

        Assert.False(completed);
        Assert.Equal([6ul], deletes);
        Assert.Equal(5, reader.Stats.UnframeableBytes);
        Assert.Equal(1, quarantine.CountsByCategory()["unframeable"]);
    }

    [Fact]
    public void A_stream_that_ends_inside_a_frame_is_reported()
    {
        var whole = Delete(7);
        var (_, quarantine, deletes, completed) = Read(new MemoryStream(Concat(Delete(6), whole[..10])));

        Assert.False(completed);
        Assert.Equal([6ul], deletes);
        Assert.Equal(1, quarantine.CountsByCategory()["truncated-at-end"]);
    }

    [Fact]
    public void Frames_split_across_reads_are_reassembled()
    {
        var bytes = File.ReadAllBytes(SharedData.File("itch", "ex20101224.TEST_ITCH_50"));
        var (reader, _, deletes, completed) = Read(new TrickleStream(bytes, seed: 11));

        Assert.True(completed);
        Assert.Equal(1745, deletes.Count);
        Assert.Equal(12_012, reader.Stats.Messages);
    }

    private struct DeleteCollector : IItchMessageHandler
    {
        public List<ulong> Deletes;

        public readonly void OnMessage(in ItchMessage message)
        {
            if (message.Type == ItchMessageType.OrderDelete)
                Deletes.Add(new ItchOrderDelete(message.Bytes).OrderReference);
        }
    }

    /// <summary>Returns reads of random small sizes, as a socket or a decompressor does.</summary>
    private sealed class TrickleStream(byte[] data, int seed) : MemoryStream(data)
    {
        private readonly Random _random = new(seed);

        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, Math.Min(count, _random.Next(1, 97)));
    }
}
