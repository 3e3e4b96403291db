using System.Buffers;
using FlowSense.MarketData.Checkpoints;
using FlowSense.Pipeline.Snapshots;

namespace FlowSense.Pipeline.Tests.Snapshots;

public sealed class InputPositionsTests
{
    [Fact]
    public void A_source_keeps_one_cursor_whichever_string_instance_names_it()
    {
        var positions = new InputPositions();
        SourcePosition first = positions.For("replay-a");
        Assert.True(first.Advance(5));

        string sameName = new([.. "replay-a"]); // equal, not the same instance: found through the dictionary
        Assert.Same(first, positions.For(sameName));
        Assert.NotSame(first, positions.For("replay-b"));
        Assert.Same(first, positions.For("replay-a"));
        Assert.Equal(5, positions.Of("replay-a"));
    }

    [Fact]
    public void Restoring_replaces_the_cursor_the_last_lookup_returned()
    {
        var positions = new InputPositions();
        const string Source = "replay-a";
        positions.For(Source).Advance(3);
        byte[] atThree = Checkpoint(positions);
        positions.For(Source).Advance(9); // the lookup just made is the one a stale cache would return

        var reader = new CheckpointReader(atThree);
        positions.RestoreCheckpoint(ref reader);

        Assert.Equal(3, positions.For(Source).Last);
        Assert.False(positions.For(Source).Advance(3)); // at or below the restored position: already applied
        Assert.True(positions.For(Source).Advance(4));
    }

    private static byte[] Checkpoint(InputPositions positions)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new CheckpointWriter(output);
        positions.WriteCheckpoint(ref writer);
        writer.Complete();
        return output.WrittenSpan.ToArray();
    }
}
