using FlowSense.MarketData.Bars;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.MarketData.OrderBook;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>
/// Checked-in checkpoints written by version 1 of every section (Golden/replica-*-v1.bin), from fixed streams.
/// They pin the format: new code must keep restoring them to the state that wrote them (the evolution rule), and
/// while no section's version has changed, the writer must still produce exactly these bytes.
/// </summary>
/// <remarks>
/// When a section's version is bumped on purpose, <see cref="The_writer_still_writes_the_golden_bytes"/> fails:
/// add a v2 golden written by the new code (keep the v1 files, which the restore test goes on reading) and point
/// that test at it. Never regenerate a v1 file.
/// </remarks>
public class GoldenCheckpointTests
{
    /// <summary>Events before the golden checkpoint was taken, and events after it.</summary>
    private const int Before = 120;
    private const int After = 80;

    [Theory]
    [InlineData(BookKind.L1)]
    [InlineData(BookKind.L2)]
    [InlineData(BookKind.L3)]
    public void A_version_1_golden_checkpoint_restores_and_resumes_like_the_run_that_wrote_it(BookKind kind)
    {
        MarketEvent[] events = Stream(kind);
        SymbolReplica restored = SymbolReplica.Restore(Config(kind), File.ReadAllBytes(GoldenPath(kind, version: 1)));
        SymbolReplica whole = SplitReplay.Uninterrupted(Config(kind), events);
        foreach (MarketEvent e in events.AsSpan(Before))
            restored.Apply(e);

        SplitReplay.AssertSame(whole.Trace.Skip(Before).ToList(), restored.Trace, "feature trace after the golden checkpoint");
        Assert.Equal(whole.SnapshotBits(), restored.SnapshotBits());
        Assert.Equal(whole.Levels(Events.Side.Bid), restored.Levels(Events.Side.Bid));
        Assert.Equal(whole.Levels(Events.Side.Ask), restored.Levels(Events.Side.Ask));
        Assert.Equal(whole.VolumeBars.OpenBar, restored.VolumeBars.OpenBar);
    }

    [Theory]
    [InlineData(BookKind.L1)]
    [InlineData(BookKind.L2)]
    [InlineData(BookKind.L3)]
    public void The_writer_still_writes_the_golden_bytes(BookKind kind)
    {
        var replica = new SymbolReplica(Config(kind));
        foreach (MarketEvent e in Stream(kind).AsSpan(0, Before))
            replica.Apply(e);
        Assert.Equal(File.ReadAllBytes(GoldenPath(kind, version: 1)), replica.Checkpoint());
    }

    internal static string GoldenPath(BookKind kind, int version) =>
        Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Golden", $"replica-{kind.ToString().ToLowerInvariant()}-v{version}.bin");

    internal static ReplicaConfig Config(BookKind kind)
    {
        var (bids, asks) = RandomStreams.L3Seed();
        return new ReplicaConfig(
            kind,
            RandomStreams.TightFeatures(kind == BookKind.L2 ? VolumeClassification.Bulk : VolumeClassification.Exact),
            VolumePerBar: 90,
            new BookOptions(CrossedBookPolicy.ClearStaleLevels),
            kind == BookKind.L3 ? bids : null,
            kind == BookKind.L3 ? asks : null,
            new SaleConditionFilter(ExcludedFlags: 2, PriceExcludedFlags: 1));
    }

    /// <summary>A fixed stream from a 64-bit LCG (Knuth's MMIX constants), independent of any library's random numbers.</summary>
    internal static MarketEvent[] Stream(BookKind kind)
    {
        ulong state = 0x5EED_0000_0000_0000UL + (ulong)kind;
        int Next(int min, int max)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            return min + (int)((state >> 33) % (ulong)(max - min + 1));
        }
        var steps = new RandomStreams.RawStep[Before + After];
        for (int i = 0; i < steps.Length; i++)
        {
            int kindRoll = Next(0, 19);
            steps[i] = new RandomStreams.RawStep(
                Kind: kindRoll < 12 ? 0 : kindRoll < 18 ? 1 : 2,
                GapMs: Next(0, 23) == 0 ? -Next(1, 300) : Next(0, 600),
                Side: Next(0, 1),
                Price: Next(96, 104),
                Size: Next(0, 20) == 0 ? Next(-2, 0) : Next(1, 40),
                Action: Next(0, 9),
                Aggressor: Next(0, 2),
                SequenceJump: Next(0, 21) switch { 0 => 0, 1 => 3, _ => 1 },
                Id: Next(1, 12),
                Flags: Next(0, 19));
        }
        return RandomStreams.Build(kind, steps);
    }
}
