using FlowSense.MarketData.Events;
using FlowSense.MarketData.Instruments;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Bars;

/// <summary>Trades for bar tests: hand-written ones, and FsCheck generators of random tapes in time order.</summary>
internal static class TradeStreams
{
    public static readonly InstrumentId Xyz = new("TEST", "XYZ");

    public const long Second = 1_000_000_000L;

    public static Trade At(long timeNs, long price, long size, uint conditions = 0) =>
        new(new EventHeader(Xyz, timeNs, timeNs, 0), price, size, Aggressor.Unknown, conditions);

    /// <summary>
    /// Random tapes: non-decreasing times (gaps from 0 to 2 minutes, so bars are skipped and several trades share a
    /// timestamp), prices 1..5,000, sizes 1..1,000, conditions drawn from 0, 1 and 2 (flags a filter can select).
    /// </summary>
    public static Arbitrary<Trade[]> Tapes() => Tapes(outOfOrder: false);

    /// <summary>Like <see cref="Tapes()"/>, but about one trade in ten steps back in time by up to 3 seconds.</summary>
    public static Arbitrary<Trade[]> TapesWithLateTrades() => Tapes(outOfOrder: true);

    private static Arbitrary<Trade[]> Tapes(bool outOfOrder)
    {
        Gen<int> backwards = outOfOrder ? Gen.Choose(-3_000, -1) : Gen.Constant(0);
        Gen<(int Gap, int Price, int Size, int Conditions)> step =
            from gap in Gen.Frequency((27, Gen.Choose(0, 2_000)), (9, Gen.Choose(0, 120_000)), (4, backwards))
            from price in Gen.Choose(1, 5_000)
            from size in Gen.Choose(1, 1_000)
            from conditions in Gen.Choose(0, 2)
            select (gap, price, size, conditions);
        return Gen.ArrayOf(step).Select(steps =>
        {
            var trades = new Trade[steps.Length];
            long time = 1_700_000_000L * Second;
            for (int i = 0; i < steps.Length; i++)
            {
                time += steps[i].Gap * 1_000_000L;
                trades[i] = At(time, steps[i].Price, steps[i].Size, (uint)steps[i].Conditions);
            }
            return trades;
        }).ToArbitrary();
    }
}
