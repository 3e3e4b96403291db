using System.Buffers;
using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Checkpoints;
using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.MarketData.Indicators;
using FlowSense.MarketData.OrderBook;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>Bad checkpoints fail loudly, naming the section; good ones cost no allocation to write.</summary>
public class CheckpointFramingTests
{
    private static readonly ReplicaConfig L3Config = new(
        BookKind.L3, RandomStreams.TightFeatures(VolumeClassification.Bulk), VolumePerBar: 90,
        SeedBids: RandomStreams.L3Seed().Bids, SeedAsks: RandomStreams.L3Seed().Asks);

    private static readonly Lazy<byte[]> Sample = new(() =>
    {
        var replica = new SymbolReplica(L3Config);
        // A fixed seed: the same stream, so the same checkpoint, on every run.
        var (events, _) = RandomStreams.WithSplit(BookKind.L3).Generator.Sample(200, new FsCheck.Rnd(20261122), 1)[0];
        foreach (MarketEvent e in events)
            replica.Apply(e);
        return replica.Checkpoint();
    });

    [Fact]
    public void Primitives_read_back_bit_for_bit()
    {
        double[] doubles = [double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF), -0.0, double.Epsilon, double.MaxValue, double.NegativeInfinity];
        Int128[] wide = [Int128.MinValue, Int128.MaxValue, -1, (Int128)long.MaxValue * 3];
        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        writer.BeginSection(CheckpointSection.Variance, 1);
        writer.WriteDoubles(doubles);
        foreach (Int128 value in wide)
            writer.WriteInt128(value);
        writer.WriteInt32(int.MinValue);
        writer.WriteBoolean(true);
        writer.EndSection();
        writer.Complete();

        var reader = new CheckpointReader(output.WrittenSpan);
        Assert.Equal(1, reader.BeginSection(CheckpointSection.Variance, 1));
        var back = new double[doubles.Length];
        reader.ReadDoubles(back);
        Assert.Equal(doubles.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
        foreach (Int128 value in wide)
            Assert.Equal(value, reader.ReadInt128());
        Assert.Equal(int.MinValue, reader.ReadInt32());
        Assert.True(reader.ReadBoolean());
        reader.EndSection();
        reader.Complete();
    }

    [Fact]
    public void Every_truncation_is_refused_and_names_the_section_it_cuts()
    {
        byte[] full = Sample.Value;
        for (int length = 0; length < full.Length; length++)
        {
            CheckpointException error = Assert.Throws<CheckpointException>(() => SymbolReplica.Restore(L3Config, full.AsSpan(0, length)));
            bool inEnvelope = length < 6 || length >= full.Length - 2;
            Assert.True(inEnvelope || error.Section != CheckpointSection.None, $"cut at {length}: {error.Message}");
            Assert.Contains("Checkpoint section", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void Every_single_byte_corruption_is_refused(byte mask)
    {
        byte[] corrupt = Sample.Value.ToArray();
        for (int i = 0; i < corrupt.Length; i++)
        {
            corrupt[i] ^= mask;
            Assert.Throws<CheckpointException>(() => SymbolReplica.Restore(L3Config, corrupt));
            corrupt[i] ^= mask;
        }
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        byte[] longer = [.. Sample.Value, 0];
        var error = Assert.Throws<CheckpointException>(() => SymbolReplica.Restore(L3Config, longer));
        Assert.Contains("after the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_version_newer_than_the_code_is_refused_by_name()
    {
        var book = new L2Book(SymbolReplica.Instrument);
        book.Apply(new BookDelta(new EventHeader(SymbolReplica.Instrument, 1, 1, 1), Side.Bid, 100, 5, BookAction.Add));
        byte[] bytes = Write(book);
        Assert.Equal((ushort)CheckpointSection.L2Book, BitConverter.ToUInt16(bytes, 6));
        bytes[8] = 2; // the L2Book section's version byte, right after the envelope and its tag

        var error = Assert.Throws<CheckpointException>(() => Restore(new L2Book(SymbolReplica.Instrument), bytes));
        Assert.Equal(CheckpointSection.L2Book, error.Section);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restoring_into_another_type_or_shape_is_refused_by_name()
    {
        var l2 = new L2Book(SymbolReplica.Instrument);
        var wrongType = Assert.Throws<CheckpointException>(() => Restore(new L3Book(SymbolReplica.Instrument), Write(l2)));
        Assert.Equal(CheckpointSection.L3Book, wrongType.Section);
        Assert.Contains("found section L2Book", wrongType.Message, StringComparison.Ordinal);

        var instrument = Assert.Throws<CheckpointException>(() => Restore(new L2Book(new("TEST", "OTHER")), Write(l2)));
        Assert.Equal(CheckpointSection.L2Book, instrument.Section);
        Assert.Contains("of TEST:CKPT, the instance restored into is of TEST:OTHER", instrument.Message, StringComparison.Ordinal);

        var policy = Assert.Throws<CheckpointException>(() =>
            Restore(new L2Book(SymbolReplica.Instrument, new BookOptions(CrossedBookPolicy.Reject)), Write(l2)));
        Assert.Contains("crossed-book policy", policy.Message, StringComparison.Ordinal);

        var features = new MicrostructureFeatures(new MicrostructureFeaturesOptions { OfiEventWindow = 5 });
        var window = Assert.Throws<CheckpointException>(() =>
            Restore(new MicrostructureFeatures(new MicrostructureFeaturesOptions { OfiEventWindow = 6 }), Write(features)));
        Assert.Equal(CheckpointSection.RollingSumInt64, window.Section);
        Assert.Contains("window length is 5 in the checkpoint but 6", window.Message, StringComparison.Ordinal);

        var period = Assert.Throws<CheckpointException>(() => Restore(new SimpleMovingAverage(4), Write(new SimpleMovingAverage(5))));
        Assert.Equal(CheckpointSection.SimpleMovingAverage, period.Section);

        var frame = Assert.Throws<CheckpointException>(() =>
            Restore(new TimeBarBuilder(TimeFrame.OneMinute), Write(new TimeBarBuilder(TimeFrame.FiveMinutes))));
        Assert.Contains("bar period", frame.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_L3_checkpoint_whose_orders_do_not_add_up_to_their_level_is_refused()
    {
        // Written through the writer, so every CRC holds: only the book's own invariant can catch it (a bug, not bit rot).
        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        writer.BeginSection(CheckpointSection.L3Book, 1);
        writer.WriteString(SymbolReplica.Instrument.Venue);
        writer.WriteString(SymbolReplica.Instrument.Symbol);
        writer.WriteInt64((long)CrossedBookPolicy.Flag);
        writer.WriteBoolean(true);
        writer.WriteInt64(1); // version
        writer.WriteInt64(0); // sequence
        writer.WriteInt64(0); // last event time
        writer.WriteBoolean(false); // resync required
        new SequenceTracker().WriteCheckpoint(ref writer);
        new BookErrorCounts().WriteCheckpoint(ref writer);
        writer.WriteInt64(-1); // next seeded id
        writer.WriteInt64(0); // seeded reductions
        writer.WriteInt32(1); // one bid level: 100 x 5 with one order...
        writer.WriteInt64(100);
        writer.WriteInt64(5);
        writer.WriteInt32(1);
        writer.WriteInt64(7); // ...whose size is 4
        writer.WriteInt64(4);
        writer.WriteBoolean(false);
        writer.WriteInt32(0); // no ask levels
        writer.EndSection();
        writer.Complete();

        var error = Assert.Throws<CheckpointException>(() => Restore(new L3Book(SymbolReplica.Instrument), output.WrittenSpan.ToArray()));
        Assert.Equal(CheckpointSection.L3Book, error.Section);
        Assert.Contains("add up to 4, not the level's 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_checkpoint_allocates_nothing_beyond_the_output_buffer()
    {
        SymbolReplica replica = SymbolReplica.Restore(L3Config, Sample.Value);
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        replica.WriteTo(output);
        output.ResetWrittenCount();
        long before = GC.GetAllocatedBytesForCurrentThread();
        replica.WriteTo(output);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Sample.Value, output.WrittenSpan.ToArray());
        Assert.Equal(Sample.Value.Length, output.WrittenCount);
    }

    [Fact]
    public void Restoring_into_a_built_replica_allocates_nothing()
    {
        var replica = new SymbolReplica(L3Config);
        replica.RestoreFrom(Sample.Value);
        long before = GC.GetAllocatedBytesForCurrentThread();
        replica.RestoreFrom(Sample.Value);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Sample.Value, replica.Checkpoint());
    }

    internal static byte[] Write(ICheckpointState state)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        state.WriteCheckpoint(ref writer);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    internal static void Restore(ICheckpointState state, byte[] bytes)
    {
        var reader = new CheckpointReader(bytes);
        state.RestoreCheckpoint(ref reader);
        reader.Complete();
    }
}
