using FlowSense.MarketData.Events;
using FlowSense.MarketData.Features;
using FlowSense.MarketData.Features.Intensity;
using FlowSense.MarketData.Features.Vpin;
using FlowSense.MarketData.OrderBook;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Checkpoints;

/// <summary>
/// Random event streams for the recovery properties, with few prices and ids so that levels collide, books cross,
/// orders are unknown, sequences skip and repeat, times step back, and every window wraps within a few dozen events.
/// </summary>
internal static class RandomStreams
{
    private const long Millisecond = 1_000_000;

    /// <summary>Tiny windows and capacities, so rings wrap, clock windows overflow and pending trades evict.</summary>
    public static MicrostructureFeaturesOptions TightFeatures(VolumeClassification classification) => new()
    {
        OfiEventWindow = 5,
        OfiClockWindowNs = 700 * Millisecond,
        ClockWindowCapacity = 4,
        Levels = 6,
        DepthImbalanceLevels = 3,
        PostTradeHorizonNs = 1_500 * Millisecond,
        PendingTradeCapacity = 3,
        TradeAverageWindow = 4,
        Vpin = new VpinOptions(BucketVolume: 60, BucketCount: 3, Classification: classification, BarNs: 400 * Millisecond, SigmaBars: 3),
        KyleLambdaTrades = 4,
        VolatilityIntervalNs = 300 * Millisecond,
        VolatilityIntervals = 4,
        IntensityWindowNs = 900 * Millisecond,
        Hawkes = new HawkesParameters(0.5, 0.8, 1.3),
    };

    /// <summary>A stream of the given book kind, and a split point in [0, length].</summary>
    public static Arbitrary<(MarketEvent[] Events, int Split)> WithSplit(BookKind kind) =>
        (from length in Gen.Choose(0, 250)
         from steps in Gen.ArrayOf(Step, length)
         from split in Gen.Choose(0, length)
         select (Build(kind, steps), split)).ToArbitrary();

    private readonly record struct RawStep(int Kind, int GapMs, int Side, int Price, int Size, int Action, int Aggressor, int SequenceJump, int Id, int Flags);

    private static readonly Gen<RawStep> Step =
        from kind in Gen.Frequency((12, Gen.Constant(0)), (6, Gen.Constant(1)), (2, Gen.Constant(2)))
        from gap in Gen.Frequency((20, Gen.Choose(0, 400)), (3, Gen.Choose(400, 5_000)), (1, Gen.Choose(-300, -1)))
        from side in Gen.Choose(0, 1)
        from price in Gen.Choose(96, 104)
        from size in Gen.Frequency((20, Gen.Choose(1, 40)), (1, Gen.Choose(-2, 0)))
        from action in Gen.Choose(0, 9)
        from aggressor in Gen.Choose(0, 2)
        from jump in Gen.Frequency((20, Gen.Constant(1)), (1, Gen.Constant(0)), (1, Gen.Constant(3)))
        from id in Gen.Choose(1, 12)
        from flags in Gen.Choose(0, 19)
        select new RawStep(kind, gap, side, price, size, action, aggressor, jump, id, flags);

    private static MarketEvent[] Build(BookKind kind, RawStep[] steps)
    {
        var events = new MarketEvent[steps.Length];
        long time = 1_700_000_000_000 * Millisecond;
        long sequence = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            RawStep s = steps[i];
            time += s.GapMs * Millisecond;
            sequence += s.SequenceJump;
            var header = new EventHeader(SymbolReplica.Instrument, time, time, sequence);
            Side side = s.Side == 0 ? Side.Bid : Side.Ask;
            events[i] = s.Kind switch
            {
                1 => MarketEvent.Of(new Trade(header with { Sequence = 0 }, s.Price, Math.Max(1, s.Size) * 3, (Aggressor)s.Aggressor, (uint)(s.Flags % 3))),
                2 => MarketEvent.Timer(time),
                _ => BookEvent(kind, header, side, s),
            };
        }
        return events;
    }

    private static MarketEvent BookEvent(BookKind kind, EventHeader header, Side side, RawStep s) => kind switch
    {
        BookKind.L1 => MarketEvent.Of(new Quote(header, s.Price - s.Action % 3, s.Size, s.Price + s.Id % 3 - 1, Math.Abs(s.Size * s.Id % 37))),
        BookKind.L2 => MarketEvent.Of(new BookDelta(
            header, side, s.Price, s.Size,
            s.Action switch { < 4 => BookAction.Add, < 7 => BookAction.Update, < 9 => BookAction.Delete, _ => s.Flags == 0 ? BookAction.Clear : BookAction.Delete },
            s.Flags switch { 0 => DeltaFlags.Snapshot, 1 => DeltaFlags.Snapshot | DeltaFlags.LastInBatch, 2 or 3 => DeltaFlags.None, _ => DeltaFlags.LastInBatch })),
        _ => MarketEvent.Of(new OrderEvent(
            header,
            s.Action switch { < 4 => OrderAction.Add, < 6 => OrderAction.Cancel, < 7 => OrderAction.Execute, < 9 => OrderAction.Delete, _ => OrderAction.Replace },
            s.Id, side, s.Price, s.Size, s.Flags % 14)),
    };

    /// <summary>An L3 seed: one aggregate order per level, so unknown ids fall back on seeded liquidity.</summary>
    public static (Level[] Bids, Level[] Asks) L3Seed() =>
        ([new Level(97, 30, 0), new Level(98, 25, 0), new Level(99, 20, 0)], [new Level(101, 20, 0), new Level(102, 25, 0), new Level(103, 30, 0)]);
}
