using FlowSense.MarketData.Features.RollingWindows;
using FsCheck;
using FsCheck.Fluent;

namespace FlowSense.MarketData.Tests.Features.RollingWindows;

public class RollingWindowTests
{
    [Fact]
    public void Rolling_sum_is_the_sum_of_the_last_N()
    {
        Prop.ForAll(Arb.From(Gen.Choose(-1000, 1000).ArrayOf()), values =>
        {
            var sum = new RollingSum<long>(7);
            foreach (int v in values)
                sum.Add(v);
            long expected = values.Skip(Math.Max(0, values.Length - 7)).Sum(v => (long)v);
            return sum.Sum == expected && sum.Count == Math.Min(values.Length, 7);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Floating_point_rolling_sum_does_not_drift()
    {
        var sum = new RollingSum<double>(10);
        sum.Add(1e12);
        for (int i = 0; i < 100_003; i++)
            sum.Add(0.1);
        Assert.Equal(1.0, sum.Sum, 12);
    }

    [Fact]
    public void Clock_window_counts_time_going_backwards_and_keeps_order()
    {
        var window = new ClockWindow<TimedValue>(windowNs: 10, capacity: 4);
        window.Add(100, 1);
        window.Add(95, 2);          // treated as 100
        Assert.Equal(1, window.OutOfOrder);
        window.Advance(109);
        Assert.Equal(3, window.Sum);
        window.Advance(110);
        Assert.Equal(0, window.Sum);
    }

    [Fact]
    public void Regression_slope_and_intercept_of_a_line()
    {
        var ols = new RollingRegression(3);
        ols.Add(100, -50);          // leaves the window
        ols.Add(1, 5);
        ols.Add(2, 7);
        ols.Add(4, 11);
        Assert.Equal(2.0, ols.Slope, 12);
        Assert.Equal(3.0, ols.Intercept, 12);
    }
}
