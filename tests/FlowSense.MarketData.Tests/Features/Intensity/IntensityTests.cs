using FlowSense.MarketData.Features.Intensity;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.Intensity;

public class IntensityTests
{
    private const long Millisecond = 1_000_000;

    [Fact]
    public void Event_rate_counts_events_in_the_window()
    {
        var intensity = new EventIntensity(windowNs: 1000 * Millisecond, capacity: 16);
        foreach (long ms in new long[] { 0, 200, 500, 900 })
            intensity.OnEvent(ms * Millisecond);
        Assert.Equal(4.0, intensity.PerSecond);
        Assert.False(intensity.IsReady);

        intensity.OnEvent(1000 * Millisecond);                 // the event at 0 leaves
        Assert.True(intensity.IsReady);
        Assert.Equal(4.0, intensity.PerSecond);
        intensity.Advance(1600 * Millisecond);                 // 900 and 1000 remain
        Assert.Equal(2.0, intensity.PerSecond);
    }

    [Fact]
    public void Rate_is_per_second_for_any_window()
    {
        var intensity = new EventIntensity(windowNs: 250 * Millisecond, capacity: 16);
        intensity.OnEvent(0);
        intensity.OnEvent(100 * Millisecond);
        Assert.Equal(8.0, intensity.PerSecond);
    }

    [Fact]
    public void Hawkes_intensity_decays_between_events()
    {
        var hawkes = new HawkesIntensity(new HawkesParameters(Baseline: 1.0, Jump: 2.0, Decay: 3.0));
        Assert.Equal(1.0, hawkes.At(0));
        hawkes.OnEvent(0);
        hawkes.OnEvent(500 * Millisecond);
        Assert.Equal(1.0 + 2.0 * Math.Exp(-1.5) + 2.0, hawkes.At(500 * Millisecond), 14);
        Assert.Equal(1.0 + 2.0 * Math.Exp(-3.0) + 2.0 * Math.Exp(-1.5), hawkes.At(1000 * Millisecond), 14);
    }

    [Fact]
    public void Hawkes_recursion_equals_the_direct_sum()
    {
        var parameters = new HawkesParameters(Baseline: 0.5, Jump: 0.8, Decay: 2.0);
        Prop.ForAll(Arb.From(Gen.Choose(0, 2000).ArrayOf()), gaps =>
        {
            var hawkes = new HawkesIntensity(parameters);
            var times = new List<long>();
            long t = 0;
            foreach (int gap in gaps)
            {
                t += gap * Millisecond;
                hawkes.OnEvent(t);
                times.Add(t);
            }
            long query = t + 300 * Millisecond;
            double direct = parameters.Baseline + times.Sum(ti => parameters.Jump * Math.Exp(-parameters.Decay * (query - ti) / 1e9));
            return Math.Abs(hawkes.At(query) - direct) <= 1e-9 * Math.Max(1.0, direct);
        }).QuickCheckThrowOnFailure();
    }
}
