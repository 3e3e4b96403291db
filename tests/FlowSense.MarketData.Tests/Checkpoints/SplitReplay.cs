using FlowSense.MarketData.Events;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>
/// The recovery property: run events 0..k, checkpoint, restore into a fresh replica, run k..n; every output after
/// the restore, and the final state, must equal an uninterrupted run's bit for bit, and both must checkpoint to
/// the same bytes.
/// </summary>
internal static class SplitReplay
{
    public static SymbolReplica Uninterrupted(ReplicaConfig config, IReadOnlyList<MarketEvent> events)
    {
        var whole = new SymbolReplica(config);
        foreach (MarketEvent e in events)
            whole.Apply(e);
        return whole;
    }

    public static void AssertResumesExactly(ReplicaConfig config, IReadOnlyList<MarketEvent> events, int split) =>
        AssertResumesExactly(config, events, split, Uninterrupted(config, events));

    public static void AssertResumesExactly(ReplicaConfig config, IReadOnlyList<MarketEvent> events, int split, SymbolReplica whole)
    {
        var first = new SymbolReplica(config);
        for (int i = 0; i < split; i++)
            first.Apply(events[i]);
        byte[] checkpoint = first.Checkpoint();

        SymbolReplica resumed = SymbolReplica.Restore(config, checkpoint);
        Assert.Equal(checkpoint, resumed.Checkpoint());
        for (int i = split; i < events.Count; i++)
            resumed.Apply(events[i]);

        Assert.Equal(whole.Trace.Skip(split), resumed.Trace);
        Assert.Equal(whole.ClosedBars, first.ClosedBars.Concat(resumed.ClosedBars));
        Assert.Equal(whole.SnapshotBits(), resumed.SnapshotBits());
        Assert.Equal(whole.Levels(Side.Bid), resumed.Levels(Side.Bid));
        Assert.Equal(whole.Levels(Side.Ask), resumed.Levels(Side.Ask));
        Assert.Equal(whole.Book.Version, resumed.Book.Version);
        Assert.Equal(
            whole.Indicators.Select(i => (BitConverter.DoubleToInt64Bits(i.Value), i.Samples)),
            resumed.Indicators.Select(i => (BitConverter.DoubleToInt64Bits(i.Value), i.Samples)));
        Assert.Equal(whole.Checkpoint(), resumed.Checkpoint());
    }
}
