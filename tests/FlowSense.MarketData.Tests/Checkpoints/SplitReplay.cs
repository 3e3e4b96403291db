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

        AssertSame(whole.Trace.Skip(split).ToList(), resumed.Trace, $"feature trace after a restore at event {split}");
        AssertSame(whole.ClosedBars, [.. first.ClosedBars, .. resumed.ClosedBars], $"bars closed around a restore at event {split}");
        Assert.Equal(whole.SnapshotBits(), resumed.SnapshotBits());
        Assert.Equal(whole.Levels(Side.Bid), resumed.Levels(Side.Bid));
        Assert.Equal(whole.Levels(Side.Ask), resumed.Levels(Side.Ask));
        Assert.Equal(whole.Book.Version, resumed.Book.Version);
        Assert.Equal(
            whole.Indicators.Select(i => (BitConverter.DoubleToInt64Bits(i.Value), i.Samples)),
            resumed.Indicators.Select(i => (BitConverter.DoubleToInt64Bits(i.Value), i.Samples)));
        Assert.Equal(whole.Checkpoint(), resumed.Checkpoint());
    }

    /// <summary>Sequence equality that names the first difference (xUnit's own diff is slow on 100k-element lists).</summary>
    public static void AssertSame<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, string what)
    {
        int common = Math.Min(expected.Count, actual.Count);
        for (int i = 0; i < common; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
                Assert.Fail($"{what}: element {i} differs: expected {expected[i]}, got {actual[i]}");
        }
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} elements, expected {expected.Count}");
    }
}
